package io.streamsuite.topologies.windowing;

import java.util.Objects;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Helpers for turning a {@link Windowed} key into plain values.
 *
 * <p>Windowed aggregates are usually re-keyed before they leave the topology, so downstream
 * consumers need neither Kafka's windowed serdes nor knowledge of its binary key layout.
 */
public final class WindowedKeys {

    private WindowedKeys() {
    }

    /**
     * The window start as a decimal epoch-millisecond string, e.g. {@code "1700000000000"}.
     *
     * <p>Meant as an output record key: it is readable, and records of the same window share a key
     * and therefore a partition.
     *
     * @param windowed a windowed key
     * @return the window start in epoch milliseconds, in decimal
     */
    public static String windowStartKey(Windowed<?> windowed) {
        return Long.toString(start(windowed));
    }

    /**
     * The window start in epoch milliseconds, inclusive.
     *
     * @param windowed a windowed key
     * @return the window start
     */
    public static long start(Windowed<?> windowed) {
        return Objects.requireNonNull(windowed, "windowed").window().start();
    }

    /**
     * The window end in epoch milliseconds: exclusive for time windows, inclusive for session and
     * sliding windows, as defined by Kafka Streams.
     *
     * @param windowed a windowed key
     * @return the window end
     */
    public static long end(Windowed<?> windowed) {
        return Objects.requireNonNull(windowed, "windowed").window().end();
    }
}
