package io.streamsuite.fraud;

import java.time.Duration;

/** Event-time arithmetic that saturates instead of wrapping, since a window or timestamp may be set absurdly large. */
final class EventTimes {

    private EventTimes() {
    }

    static long millis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@code time - millis}, or {@link Long#MIN_VALUE} where that would wrap around; {@code millis} >= 0. */
    static long minus(long time, long millis) {
        long result = time - millis;
        return result > time ? Long.MIN_VALUE : result;
    }

    /** The start of the span of {@code window} that ends at {@code time}. */
    static long windowStart(long time, Duration window) {
        return minus(time, millis(window));
    }
}
