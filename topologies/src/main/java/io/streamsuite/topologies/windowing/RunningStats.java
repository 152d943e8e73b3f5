package io.streamsuite.topologies.windowing;

/**
 * Count, mean, variance, minimum and maximum of a stream of values, kept in constant space.
 *
 * <p>Uses Welford's online algorithm: {@code m2} is the running sum of squared deviations from the
 * mean, which avoids the catastrophic cancellation of the textbook {@code sum(x^2) - n*mean^2}
 * form. Two partial results (e.g. merged session windows) are combined with Chan et al.'s
 * parallel formula, see {@link #merge(RunningStats)}.
 *
 * <p>Immutable: every update returns a new instance, which is what Kafka Streams aggregators
 * expect. The record components are the whole state, so Jackson serialises it as a JSON object
 * with exactly the fields {@code count, mean, m2, min, max} and restores it through the canonical
 * constructor. Derived values use non-getter names so they are not mistaken for properties.
 *
 * @param count number of values seen, not negative
 * @param mean  arithmetic mean, 0 when empty
 * @param m2    sum of squared deviations from the mean, 0 when empty
 * @param min   smallest value, NaN when empty because an empty set has no minimum
 * @param max   largest value, NaN when empty because an empty set has no maximum
 */
public record RunningStats(long count, double mean, double m2, double min, double max) {

    private static final RunningStats EMPTY = new RunningStats(0, 0.0, 0.0, Double.NaN, Double.NaN);

    /**
     * Rejects states that no sequence of updates can produce, e.g. from a corrupt store entry.
     *
     * @throws IllegalArgumentException if {@code count} or {@code m2} is negative
     */
    public RunningStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative but was " + count);
        }
        if (m2 < 0) {
            throw new IllegalArgumentException("m2 must not be negative but was " + m2);
        }
    }

    /**
     * The statistics of no values at all, the initial value of an aggregation.
     *
     * @return the empty statistics
     */
    public static RunningStats empty() {
        return EMPTY;
    }

    /**
     * Statistics including one more value.
     *
     * @param x the new value, finite
     * @return a new instance; this one is unchanged
     * @throws IllegalArgumentException if {@code x} is NaN or infinite, because one such value
     *                                  would poison the mean and variance for good
     */
    public RunningStats add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite but was " + x);
        }
        if (count == 0) {
            return new RunningStats(1, x, 0.0, x, x);
        }
        long n = count + 1;
        double delta = x - mean;
        double newMean = mean + delta / n;
        // delta and (x - newMean) share a sign, so m2 never decreases.
        double newM2 = m2 + delta * (x - newMean);
        return new RunningStats(n, newMean, newM2, Math.min(min, x), Math.max(max, x));
    }

    /**
     * Statistics of the union of both value sets, as if every value of {@code other} had been
     * added to this one (up to floating-point rounding).
     *
     * @param other statistics of a disjoint set of values
     * @return a new instance combining both
     */
    public RunningStats merge(RunningStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        // Counts as doubles: count * other.count overflows long long before the statistics stop making sense.
        double na = count;
        double nb = other.count;
        double delta = other.mean - mean;
        double newMean = mean + delta * (nb / n);
        double newM2 = m2 + other.m2 + delta * delta * (na * nb / n);
        return new RunningStats(n, newMean, newM2, Math.min(min, other.min), Math.max(max, other.max));
    }

    /**
     * Population variance, {@code m2 / count}: the spread of exactly the values seen.
     *
     * @return the population variance, 0 when empty
     */
    public double populationVariance() {
        return count == 0 ? 0.0 : m2 / count;
    }

    /**
     * Sample variance, {@code m2 / (count - 1)}: the unbiased estimate of the variance of the
     * distribution the values were drawn from.
     *
     * @return the sample variance, 0 when fewer than two values were seen (instead of NaN, so the
     *         result is always safe to serialise and compare)
     */
    public double sampleVariance() {
        return count < 2 ? 0.0 : m2 / (count - 1);
    }

    /**
     * Population standard deviation, the square root of {@link #populationVariance()}.
     *
     * @return the population standard deviation, 0 when empty
     */
    public double stddev() {
        return Math.sqrt(populationVariance());
    }
}
