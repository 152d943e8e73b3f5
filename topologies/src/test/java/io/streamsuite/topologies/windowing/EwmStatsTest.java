package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EwmStatsTest {

    private static final double[] SEQUENCE = {
        12.0, 15.5, 9.25, 14.0, 30.0, 11.0, 10.5, 13.75, -4.0, 12.0,
        18.0, 17.5, 16.0, 2.0, 11.0, 12.5, 40.0, 13.0, 12.25, 11.5
    };

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.1, 1.0000001, 2.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsAlphaOutsideZeroExclusiveToOneInclusive(double alpha) {
        assertThatThrownBy(() -> EwmStats.withAlpha(alpha))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be in (0, 1] but was " + alpha);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.MIN_VALUE, 0.01, 0.5, 1.0})
    void acceptsAlphaInRangeAndStartsEmpty(double alpha) {
        EwmStats stats = EwmStats.withAlpha(alpha);

        assertThat(stats).isEqualTo(new EwmStats(alpha, 0, 0.0, 0.0));
        assertThat(stats.stddev()).isZero();
    }

    @Test
    void firstValueBecomesTheMeanWithZeroVariance() {
        EwmStats stats = EwmStats.withAlpha(0.1).add(42.5);

        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.mean()).isEqualTo(42.5);
        assertThat(stats.variance()).isZero();
    }

    @Test
    void constantInputHasThatMeanAndZeroVariance() {
        EwmStats stats = EwmStats.withAlpha(0.3);
        for (int i = 0; i < 50; i++) {
            stats = stats.add(7.25);
        }

        assertThat(stats.count()).isEqualTo(50);
        assertThat(stats.mean()).isEqualTo(7.25);
        assertThat(stats.variance()).isZero();
    }

    @Test
    void handComputedSmallSequence() {
        // alpha 0.5 over 0, 10, 4: weights 0.25, 0.25, 0.5 -> mean 4.5,
        // variance 0.25*4.5^2 + 0.25*5.5^2 + 0.5*0.5^2 = 12.75
        EwmStats stats = EwmStats.withAlpha(0.5).add(0).add(10);
        assertThat(stats.mean()).isCloseTo(5.0, within(1e-12));
        assertThat(stats.variance()).isCloseTo(25.0, within(1e-12));

        stats = stats.add(4);
        assertThat(stats.mean()).isCloseTo(4.5, within(1e-12));
        assertThat(stats.variance()).isCloseTo(12.75, within(1e-12));
        assertThat(stats.stddev()).isCloseTo(Math.sqrt(12.75), within(1e-12));
    }

    @Test
    void matchesNaiveRecursionOfWeightedMeanAndVariance() {
        // Textbook recursion, written independently of Finch's form:
        // mean_n = (1-a) mean_{n-1} + a x_n,  var_n = (1-a) var_{n-1} + a (1-a) (x_n - mean_{n-1})^2
        double alpha = 0.2;
        EwmStats stats = EwmStats.withAlpha(alpha);
        double mean = SEQUENCE[0];
        double variance = 0;
        for (int i = 0; i < SEQUENCE.length; i++) {
            double x = SEQUENCE[i];
            stats = stats.add(x);
            if (i > 0) {
                double previousMean = mean;
                mean = (1 - alpha) * previousMean + alpha * x;
                variance = (1 - alpha) * variance + alpha * (1 - alpha) * (x - previousMean) * (x - previousMean);
            }
            assertThat(stats.mean()).as("mean after %d values", i + 1).isCloseTo(mean, within(1e-9));
            assertThat(stats.variance()).as("variance after %d values", i + 1).isCloseTo(variance, within(1e-9));
        }
    }

    @Test
    void equalsTheExplicitlyWeightedMeanAndVariance() {
        // The newest value weighs alpha, each older one (1-alpha) times its successor; the first
        // value keeps the remaining (1-alpha)^(n-1) so the weights sum to 1.
        double alpha = 0.35;
        EwmStats stats = EwmStats.withAlpha(alpha);
        for (int n = 1; n <= SEQUENCE.length; n++) {
            stats = stats.add(SEQUENCE[n - 1]);
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                weights[i] = i == 0 ? Math.pow(1 - alpha, n - 1) : alpha * Math.pow(1 - alpha, n - 1 - i);
            }
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += weights[i] * SEQUENCE[i];
            }
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += weights[i] * (SEQUENCE[i] - mean) * (SEQUENCE[i] - mean);
            }
            assertThat(stats.mean()).as("mean after %d values", n).isCloseTo(mean, within(1e-9));
            assertThat(stats.variance()).as("variance after %d values", n).isCloseTo(variance, within(1e-9));
        }
    }

    @Test
    void stepChangeClosesTheGapGeometrically() {
        double alpha = 0.1;
        EwmStats stats = EwmStats.withAlpha(alpha);
        for (int i = 0; i < 100; i++) {
            stats = stats.add(0.0);
        }
        double level = 10.0;
        double previousGap = level - stats.mean();
        for (int k = 1; k <= 30; k++) {
            stats = stats.add(level);
            double gap = level - stats.mean();

            assertThat(stats.mean()).isCloseTo(level * (1 - Math.pow(1 - alpha, k)), within(1e-9));
            assertThat(gap / previousGap).isCloseTo(1 - alpha, within(1e-9));
            previousGap = gap;
        }
        assertThat(stats.mean()).isBetween(9.5, 10.0);
    }

    @Test
    void alphaOneTracksTheLastValueOnly() {
        EwmStats stats = EwmStats.withAlpha(1.0).add(3).add(100).add(-7);

        assertThat(stats.mean()).isEqualTo(-7.0);
        assertThat(stats.variance()).isZero();
    }

    @Test
    void zScoreIsSignedDistanceInStandardDeviations() {
        EwmStats stats = EwmStats.withAlpha(0.5).add(0).add(10); // mean 5, stddev 5

        assertThat(stats.zScore(15)).isCloseTo(2.0, within(1e-12));
        assertThat(stats.zScore(2.5)).isCloseTo(-0.5, within(1e-12));
        assertThat(stats.zScore(5)).isZero();
        assertThat(stats.zScore(Double.NaN)).isNaN();
    }

    @Test
    void zScoreWithZeroSpreadIsZeroAtTheMeanAndInfiniteElsewhere() {
        EwmStats stats = EwmStats.withAlpha(0.2).add(5).add(5);

        assertThat(stats.zScore(5)).isZero();
        assertThat(stats.zScore(5.001)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(stats.zScore(4.999)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(stats.zScore(Double.NaN)).isNaN();
    }

    @Test
    void addLeavesTheOriginalUnchangedAndRejectsNonFiniteValues() {
        EwmStats stats = EwmStats.withAlpha(0.2).add(1);

        stats.add(100);

        assertThat(stats).isEqualTo(new EwmStats(0.2, 1, 1.0, 0.0));
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> stats.add(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must be finite but was " + bad);
        }
    }

    @Test
    void rejectsImpossibleState() {
        assertThatThrownBy(() -> new EwmStats(0.5, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must not be negative but was -1");
        assertThatThrownBy(() -> new EwmStats(0.5, 3, 0, -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variance must not be negative but was -0.5");
    }

    @Test
    void jacksonRoundTripKeepsExactlyTheRecordComponents() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        EwmStats stats = EwmStats.withAlpha(0.25).add(3).add(9).add(4);

        String json = mapper.writeValueAsString(stats);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("alpha", "count", "mean", "variance");
        assertThat(tree.get("alpha").asDouble()).isEqualTo(0.25);
        assertThat(mapper.readValue(json, EwmStats.class)).isEqualTo(stats);
    }

    @Test
    void jacksonRejectsAnInvalidAlpha() {
        ObjectMapper mapper = new ObjectMapper();
        String json = "{\"alpha\":1.5,\"count\":0,\"mean\":0.0,\"variance\":0.0}";

        assertThatThrownBy(() -> mapper.readValue(json, EwmStats.class))
                .isInstanceOf(JsonMappingException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("alpha must be in (0, 1] but was 1.5");
    }
}
