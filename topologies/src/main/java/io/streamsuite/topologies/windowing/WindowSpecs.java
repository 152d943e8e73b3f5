package io.streamsuite.topologies.windowing;

import java.time.Duration;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * The only sanctioned way to build windows in this suite.
 *
 * <p>Every factory demands a grace period, so "how late may a record arrive?" is answered at each
 * call site instead of silently inheriting a library default. Arguments are checked up front so a
 * bad configuration fails with a message that names the offending argument and its value.
 *
 * <p>Kafka Streams works in whole milliseconds and truncates finer durations, so a window length
 * must be at least one millisecond; a sub-millisecond length would silently become zero.
 */
public final class WindowSpecs {

    private static final Duration ONE_MILLI = Duration.ofMillis(1);

    private WindowSpecs() {
    }

    /**
     * Fixed-size, non-overlapping windows: each record belongs to exactly one window.
     *
     * @param size  window length, at least 1 ms
     * @param grace how long after the window end late records are still accepted, not negative
     * @return tumbling windows with the given size and grace
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static TimeWindows tumbling(Duration size, Duration grace) {
        requireLength("size", size);
        requireGrace(grace);
        return TimeWindows.ofSizeAndGrace(size, grace);
    }

    /**
     * Fixed-size windows that start every {@code advance}, so they overlap when
     * {@code advance < size} and a record lands in {@code size / advance} windows.
     *
     * @param size    window length, at least 1 ms
     * @param advance distance between window starts, at least 1 ms and at most {@code size}
     * @param grace   how long after the window end late records are still accepted, not negative
     * @return hopping windows with the given size, advance and grace
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static TimeWindows hopping(Duration size, Duration advance, Duration grace) {
        requireLength("size", size);
        requireLength("advance", advance);
        // An advance larger than the size would leave gaps in which records fall into no window.
        if (advance.compareTo(size) > 0) {
            throw new IllegalArgumentException(
                    "advance must not exceed size (" + size + ") but was " + advance);
        }
        requireGrace(grace);
        return TimeWindows.ofSizeAndGrace(size, grace).advanceBy(advance);
    }

    /**
     * Windows defined by records being at most {@code maxTimeDifference} apart, e.g. "two
     * events within five minutes of each other".
     *
     * <p>Kafka Streams would accept a zero difference, but such windows only group records with
     * identical timestamps, which is almost always a configuration mistake, so it is rejected.
     *
     * @param maxTimeDifference largest timestamp distance inside one window, at least 1 ms
     * @param grace             how long after the window end late records are still accepted, not negative
     * @return sliding windows with the given time difference and grace
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static SlidingWindows sliding(Duration maxTimeDifference, Duration grace) {
        requireLength("maxTimeDifference", maxTimeDifference);
        requireGrace(grace);
        return SlidingWindows.ofTimeDifferenceAndGrace(maxTimeDifference, grace);
    }

    /**
     * Activity sessions per key: a session ends once no record has arrived for
     * {@code inactivityGap}.
     *
     * @param inactivityGap idle time that closes a session, at least 1 ms
     * @param grace         how long after the session end late records are still accepted, not negative
     * @return session windows with the given gap and grace
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public static SessionWindows session(Duration inactivityGap, Duration grace) {
        requireLength("inactivityGap", inactivityGap);
        requireGrace(grace);
        return SessionWindows.ofInactivityGapAndGrace(inactivityGap, grace);
    }

    private static void requireLength(String name, Duration value) {
        requireNonNull(name, value);
        if (value.compareTo(ONE_MILLI) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms but was " + value);
        }
    }

    private static void requireGrace(Duration grace) {
        requireNonNull("grace", grace);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative but was " + grace);
        }
    }

    // IllegalArgumentException rather than NPE: a missing duration is a configuration error like any other.
    private static void requireNonNull(String name, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null but was null");
        }
    }
}
