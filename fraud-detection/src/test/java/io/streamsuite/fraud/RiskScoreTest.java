package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScoreTest {

    private final FraudRules rules = FraudRules.defaults();

    @Test
    void nothingFiredScoresZero() {
        assertThat(RiskScore.of(List.of(), rules)).isZero();
    }

    @Test
    void oneRuleScoresItsWeight() {
        assertThat(RiskScore.of(List.of(RuleName.VELOCITY), rules)).isEqualTo(50);
        assertThat(RiskScore.of(List.of(RuleName.BLOCKLISTED_CARD), rules)).isEqualTo(90);
    }

    @Test
    void severalRulesCombineAsANoisyOr() {
        // 1 - (1 - 0.9)(1 - 0.8) = 0.98
        assertThat(RiskScore.of(List.of(RuleName.BLOCKLISTED_MERCHANT, RuleName.BLOCKLISTED_CARD), rules))
                .isEqualTo(98);
        // 1 - 0.5 * 0.4 = 0.8
        assertThat(RiskScore.of(List.of(RuleName.VELOCITY, RuleName.CARD_TESTING), rules)).isEqualTo(80);
    }

    @Test
    void everyRuleTogetherStaysWithinOneHundred() {
        assertThat(RiskScore.of(List.of(RuleName.values()), rules)).isEqualTo(100);
    }

    @Test
    void overriddenWeightsCount() {
        FraudRules reweighted = rules.withOverride(RuleName.VELOCITY, true, Map.of("weight", "0.25"));

        assertThat(RiskScore.of(List.of(RuleName.VELOCITY), reweighted)).isEqualTo(25);
        assertThat(RiskScore.of(List.of(RuleName.VELOCITY, RuleName.AMOUNT_SPIKE), reweighted)).isEqualTo(63);
    }

    @Test
    void ruleOfWeightZeroAddsNothing() {
        FraudRules weightless = rules.withOverride(RuleName.AMOUNT_SPIKE, true, Map.of("weight", "0"));

        assertThat(RiskScore.of(List.of(RuleName.AMOUNT_SPIKE, RuleName.IMPOSSIBLE_TRAVEL), weightless)).isEqualTo(70);
    }
}
