package io.streamsuite.topologies.windowing;

/**
 * Exponentially weighted moving mean and variance: recent values count more, old values fade
 * geometrically, so the statistics follow a drifting signal without a window.
 *
 * <p>Uses the incremental form from Finch, "Incremental calculation of weighted mean and variance"
 * (2009): with {@code diff = x - mean} and {@code incr = alpha * diff},
 * {@code mean' = mean + incr} and {@code variance' = (1 - alpha) * (variance + diff * incr)}. This
 * equals the weighted mean and variance in which the newest value has weight {@code alpha} and
 * every older weight is multiplied by {@code 1 - alpha}.
 *
 * <p>Immutable and serialisable by Jackson as a JSON object with exactly its record components.
 *
 * @param alpha    weight of the newest value, in (0, 1]; larger reacts faster but is noisier
 * @param count    number of values seen, not negative; lets callers require a warm-up period
 * @param mean     weighted mean, 0 when empty
 * @param variance weighted variance, 0 when empty
 */
public record EwmStats(double alpha, long count, double mean, double variance) {

    /**
     * Validates the state, so a bad alpha is caught however an instance is made (factory or JSON).
     *
     * @throws IllegalArgumentException if {@code alpha} is not in (0, 1], or {@code count} or
     *                                  {@code variance} is negative
     */
    public EwmStats {
        // Written as a negated range check so that NaN is rejected too.
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1] but was " + alpha);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative but was " + count);
        }
        if (variance < 0) {
            throw new IllegalArgumentException("variance must not be negative but was " + variance);
        }
    }

    /**
     * Empty statistics with the given smoothing factor, the initial value of an aggregation.
     *
     * @param alpha weight of the newest value, in (0, 1]
     * @return statistics of no values
     * @throws IllegalArgumentException if {@code alpha} is out of range
     */
    public static EwmStats withAlpha(double alpha) {
        return new EwmStats(alpha, 0, 0.0, 0.0);
    }

    /**
     * Statistics including one more value. The first value becomes the mean with variance 0, so
     * the mean does not start biased towards 0.
     *
     * @param x the new value, finite
     * @return a new instance; this one is unchanged
     * @throws IllegalArgumentException if {@code x} is NaN or infinite, because it would never
     *                                  decay out of the state
     */
    public EwmStats add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite but was " + x);
        }
        if (count == 0) {
            return new EwmStats(alpha, 1, x, 0.0);
        }
        double diff = x - mean;
        double incr = alpha * diff;
        return new EwmStats(alpha, count + 1, mean + incr, (1 - alpha) * (variance + diff * incr));
    }

    /**
     * Weighted standard deviation, the square root of {@code variance}.
     *
     * @return the standard deviation, 0 when empty
     */
    public double stddev() {
        return Math.sqrt(variance);
    }

    /**
     * How many standard deviations {@code x} lies from the mean, signed: positive above the mean.
     *
     * <p>When the standard deviation is 0 (empty, a single value, a constant signal or
     * {@code alpha == 1}) any departure from the mean is infinitely unusual, so the result is 0 if
     * {@code x} equals the mean and otherwise positive or negative infinity. Callers that flag
     * anomalies should therefore wait until {@code count} has passed a warm-up threshold.
     *
     * @param x the value to score
     * @return {@code (x - mean) / stddev}, or 0 / ±infinity as described when the stddev is 0;
     *         NaN if {@code x} is NaN
     */
    public double zScore(double x) {
        double distance = x - mean;
        double sd = stddev();
        // NaN has no sign, so it must not reach copySign below.
        if (sd == 0.0 && !Double.isNaN(distance)) {
            return distance == 0.0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, distance);
        }
        return distance / sd;
    }
}
