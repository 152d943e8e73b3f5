package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    private static final double EXACT = 1e-12;

    @Test
    void emptyHasNoValuesAndZeroSpread() {
        RunningStats empty = RunningStats.empty();

        assertThat(empty.count()).isZero();
        assertThat(empty.mean()).isZero();
        assertThat(empty.m2()).isZero();
        assertThat(empty.min()).isNaN();
        assertThat(empty.max()).isNaN();
        assertThat(empty.populationVariance()).isZero();
        assertThat(empty.sampleVariance()).isZero();
        assertThat(empty.stddev()).isZero();
    }

    @Test
    void singleValueHasZeroVarianceOfBothKinds() {
        RunningStats one = RunningStats.empty().add(-3.5);

        assertThat(one).isEqualTo(new RunningStats(1, -3.5, 0.0, -3.5, -3.5));
        assertThat(one.populationVariance()).isZero();
        assertThat(one.sampleVariance()).isZero();
    }

    @Test
    void knownSequenceGivesTextbookValues() {
        RunningStats stats = of(2, 4, 4, 4, 5, 5, 7, 9);

        assertThat(stats.count()).isEqualTo(8);
        assertThat(stats.mean()).isCloseTo(5.0, within(EXACT));
        assertThat(stats.m2()).isCloseTo(32.0, within(EXACT));
        assertThat(stats.populationVariance()).isCloseTo(4.0, within(EXACT));
        assertThat(stats.sampleVariance()).isCloseTo(32.0 / 7.0, within(EXACT));
        assertThat(stats.stddev()).isCloseTo(2.0, within(EXACT));
        assertThat(stats.min()).isEqualTo(2.0);
        assertThat(stats.max()).isEqualTo(9.0);
    }

    @Test
    void staysAccurateForValuesWithALargeCommonOffset() {
        // sum(x^2) - n*mean^2 loses every significant digit here; Welford must not.
        RunningStats stats = of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);

        assertThat(stats.mean()).isCloseTo(1e9 + 10, within(1e-6));
        assertThat(stats.populationVariance()).isCloseTo(22.5, within(1e-6));
        assertThat(stats.sampleVariance()).isCloseTo(30.0, within(1e-6));
    }

    @Test
    void addLeavesTheOriginalUnchanged() {
        RunningStats before = of(1, 2);

        RunningStats after = before.add(10);

        assertThat(before).isEqualTo(of(1, 2));
        assertThat(after.count()).isEqualTo(3);
        assertThat(after.max()).isEqualTo(10.0);
    }

    @Test
    void rejectsNonFiniteValues() {
        RunningStats stats = of(1, 2);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> stats.add(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("x must be finite but was " + bad);
        }
    }

    @Test
    void rejectsImpossibleState() {
        assertThatThrownBy(() -> new RunningStats(-1, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must not be negative but was -1");
        assertThatThrownBy(() -> new RunningStats(2, 0, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("m2 must not be negative but was -1.0");
    }

    @Test
    void mergeOfTwoKnownHalvesEqualsTheWhole() {
        RunningStats merged = of(1, 2, 3).merge(of(4, 5));

        assertThat(merged.count()).isEqualTo(5);
        assertThat(merged.mean()).isCloseTo(3.0, within(EXACT));
        assertThat(merged.m2()).isCloseTo(10.0, within(EXACT));
        assertThat(merged.min()).isEqualTo(1.0);
        assertThat(merged.max()).isEqualTo(5.0);
    }

    @Test
    void mergeWithEmptyIsIdentityOnBothSides() {
        RunningStats stats = of(3, 8, -1);

        assertThat(stats.merge(RunningStats.empty())).isEqualTo(stats);
        assertThat(RunningStats.empty().merge(stats)).isEqualTo(stats);
        assertThat(RunningStats.empty().merge(RunningStats.empty())).isEqualTo(RunningStats.empty());
    }

    @Test
    void jacksonRoundTripKeepsEveryFieldAndAddsNoDerivedOnes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        RunningStats stats = of(2, 4, 4, 4, 5, 5, 7, 9);

        String json = mapper.writeValueAsString(stats);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("count", "mean", "m2", "min", "max");
        assertThat(tree.get("count").asLong()).isEqualTo(8);
        assertThat(tree.get("max").asDouble()).isEqualTo(9.0);
        assertThat(mapper.readValue(json, RunningStats.class)).isEqualTo(stats);
    }

    @Test
    void jacksonRoundTripOfEmptyKeepsNaNMinAndMax() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        String json = mapper.writeValueAsString(RunningStats.empty());

        assertThat(mapper.readValue(json, RunningStats.class)).isEqualTo(RunningStats.empty());
    }

    private static RunningStats of(double... values) {
        RunningStats stats = RunningStats.empty();
        for (double x : values) {
            stats = stats.add(x);
        }
        return stats;
    }
}
