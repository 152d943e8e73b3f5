package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleNameTest {

    @Test
    void segmentsAreTheContractsPropertyNames() {
        assertThat(RuleName.values()).extracting(RuleName::segment).containsExactly("velocity", "amount-spike",
                "impossible-travel", "blocklisted-merchant", "blocklisted-card", "card-testing");
        assertThat(RuleName.AMOUNT_SPIKE.key("min-history")).isEqualTo("fraud.amount-spike.min-history");
    }

    @Test
    void ruleTopicKeysAreTheExactRuleNames() {
        assertThat(RuleName.parse("IMPOSSIBLE_TRAVEL")).contains(RuleName.IMPOSSIBLE_TRAVEL);
        assertThat(RuleName.parse("impossible_travel")).isEmpty();
        assertThat(RuleName.parse("impossible-travel")).isEmpty();
        assertThat(RuleName.parse(null)).isEmpty();
    }
}
