package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Random inputs, seeded by the repetition number so that a failure names a reproducible case. */
class RunningStatsPropertiesTest {

    @RepeatedTest(300)
    void matchesNaiveTwoPassComputation(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<Double> values = randomValues(random);
        RunningStats stats = of(values);

        assertThat(stats.count()).isEqualTo(values.size());
        if (values.isEmpty()) {
            assertThat(stats).isEqualTo(RunningStats.empty());
            return;
        }
        TwoPass expected = TwoPass.of(values);
        assertThat(stats.mean()).isCloseTo(expected.mean, within(expected.meanTolerance()));
        assertThat(stats.m2()).isCloseTo(expected.m2, within(expected.m2Tolerance()));
        assertThat(stats.populationVariance())
                .isCloseTo(expected.m2 / values.size(), within(expected.m2Tolerance() / values.size()));
        assertThat(stats.min()).isEqualTo(values.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
        assertThat(stats.max()).isEqualTo(values.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
    }

    @RepeatedTest(300)
    void mergeEqualsAddingTheOtherValuesOneByOne(RepetitionInfo repetition) {
        Random random = new Random(1000L + repetition.getCurrentRepetition());
        List<Double> first = randomValues(random);
        List<Double> second = randomValues(random);
        RunningStats merged = of(first).merge(of(second));
        RunningStats sequential = of(first);
        for (double x : second) {
            sequential = sequential.add(x);
        }

        assertThat(merged.count()).isEqualTo(sequential.count());
        // Boxed, because both are NaN when everything is empty and primitive NaN != NaN.
        assertThat(Double.valueOf(merged.min())).isEqualTo(Double.valueOf(sequential.min()));
        assertThat(Double.valueOf(merged.max())).isEqualTo(Double.valueOf(sequential.max()));
        if (merged.count() > 0) {
            List<Double> all = new ArrayList<>(first);
            all.addAll(second);
            TwoPass scale = TwoPass.of(all);
            assertThat(merged.mean()).isCloseTo(sequential.mean(), within(scale.meanTolerance()));
            assertThat(merged.m2()).isCloseTo(sequential.m2(), within(scale.m2Tolerance()));
        }
    }

    /** Up to 200 values in [-1e6, 1e6]; a tenth of the lists are empty, another tenth hold one repeated value. */
    private static List<Double> randomValues(Random random) {
        int shape = random.nextInt(10);
        int size = shape == 0 ? 0 : 1 + random.nextInt(200);
        double constant = random.nextDouble(-1e6, 1e6);
        List<Double> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(shape == 1 ? constant : random.nextDouble(-1e6, 1e6));
        }
        return values;
    }

    private static RunningStats of(List<Double> values) {
        RunningStats stats = RunningStats.empty();
        for (double x : values) {
            stats = stats.add(x);
        }
        return stats;
    }

    /**
     * The textbook two-pass result, plus tolerances scaled to the data: both algorithms round, and
     * their errors grow with the magnitude of the values, not of the result.
     */
    private record TwoPass(double mean, double m2, double maxAbs, double sumOfSquares) {

        static TwoPass of(List<Double> values) {
            double sum = 0;
            double maxAbs = 0;
            double sumOfSquares = 0;
            for (double x : values) {
                sum += x;
                maxAbs = Math.max(maxAbs, Math.abs(x));
                sumOfSquares += x * x;
            }
            double mean = sum / values.size();
            double m2 = 0;
            for (double x : values) {
                m2 += (x - mean) * (x - mean);
            }
            return new TwoPass(mean, m2, maxAbs, sumOfSquares);
        }

        double meanTolerance() {
            return 1e-9 * (1 + maxAbs);
        }

        double m2Tolerance() {
            return 1e-9 * (1 + sumOfSquares);
        }
    }
}
