package io.streamsuite.topologies.errors;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts dead-lettered records per source topic and reason, for the process. Kafka's handlers are created
 * by Streams from class names, so a process-wide registry is the only place they can report to.
 */
public final class DeadLetterCounter {

    /** The record decoded but broke the contract. */
    public static final String INVALID = "invalid";
    /** The event is stamped further ahead of the instance's clock than {@code event.time.max-future} allows. */
    public static final String FUTURE = "future";
    /** The bytes could not be decoded at all. */
    public static final String UNDECODABLE = "undecodable";
    /** A processor threw on the record (a rule, an output's serializer, an arithmetic surprise). */
    public static final String UNPROCESSABLE = "unprocessable";
    /** The output the record produced could not be written (e.g. larger than the broker accepts). */
    public static final String UNWRITABLE = "unwritable";

    private static final Map<Key, LongAdder> COUNTS = new ConcurrentHashMap<>();

    /** A counter's identity: where the record came from and why it was set aside. */
    public record Key(String topic, String reason) {
    }

    private DeadLetterCounter() {
    }

    /** Counts one record of a source topic set aside for a reason (one of the constants above). */
    public static void increment(String topic, String reason) {
        COUNTS.computeIfAbsent(new Key(topic == null ? "unknown" : topic, reason), k -> new LongAdder()).increment();
    }

    /** A consistent-enough copy of the counts for reporting. */
    public static Map<Key, Long> snapshot() {
        Map<Key, Long> result = new TreeMap<>(Comparator.comparing(Key::topic).thenComparing(Key::reason));
        COUNTS.forEach((key, adder) -> result.put(key, adder.sum()));
        return result;
    }

    /** The dead-lettered records of one source topic and reason so far. */
    public static long count(Key key) {
        LongAdder adder = COUNTS.get(key);
        return adder == null ? 0 : adder.sum();
    }

    /** All dead-lettered records of the process. */
    public static long total() {
        return COUNTS.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
