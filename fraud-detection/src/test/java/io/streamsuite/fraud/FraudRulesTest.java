package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FraudRulesTest {

    private final FraudRules defaults = FraudRules.defaults();

    @Test
    void defaultsAreTheContractsRules() {
        assertThat(defaults.velocity()).isEqualTo(new VelocityConfig(true, 0.5, 5, Duration.ofSeconds(60)));
        assertThat(defaults.amountSpike()).isEqualTo(new AmountSpikeConfig(true, 0.5, 5.0, 5, 20, 100.0));
        assertThat(defaults.impossibleTravel()).isEqualTo(new ImpossibleTravelConfig(true, 0.7, 100.0, 900.0));
        assertThat(defaults.blocklistedMerchant()).isEqualTo(new BlocklistConfig(true, 0.8));
        assertThat(defaults.blocklistedCard()).isEqualTo(new BlocklistConfig(true, 0.9));
        assertThat(defaults.cardTesting()).isEqualTo(new CardTestingConfig(true, 0.6, 2.00, 3, Duration.ofMinutes(10)));
        assertThat(defaults.grace()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void configuredValuesAreRead() {
        FraudRules rules = FraudRules.from(Properties.of(Map.of(
                "fraud.velocity.max-count", "8",
                "fraud.card-testing.enabled", "false",
                "fraud.impossible-travel.max-speed-kmh", "1000",
                "fraud.grace", "30s")));

        assertThat(rules.velocity().maxCount()).isEqualTo(8);
        assertThat(rules.cardTesting().enabled()).isFalse();
        assertThat(rules.impossibleTravel().maxSpeedKmh()).isEqualTo(1000.0);
        assertThat(rules.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rules.amountSpike()).isEqualTo(defaults.amountSpike());
    }

    @Test
    void retentionIsTheLongerWindowPlusTheGrace() {
        assertThat(defaults.retention()).isEqualTo(Duration.ofMinutes(15));

        FraudRules longVelocity = FraudRules.from(Properties.of(Map.of(
                "fraud.velocity.window", "1h", "fraud.grace", "0s")));
        assertThat(longVelocity.retention()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void historyKeepsEnoughAmountsForTheMeanAndTheMinimumHistory() {
        assertThat(defaults.amountsKept()).isEqualTo(20);
        assertThat(defaults.withOverride(RuleName.AMOUNT_SPIKE, true, Map.of("min-history", "30")).amountsKept())
                .isEqualTo(30);
    }

    @Test
    void overrideReplacesTheNamedParamsAndKeepsTheOthers() {
        FraudRules overridden = defaults.withOverride(RuleName.VELOCITY, true, Map.of("window", "90s"));

        assertThat(overridden.velocity()).isEqualTo(new VelocityConfig(true, 0.5, 5, Duration.ofSeconds(90)));
    }

    @Test
    void overrideCanSwitchARuleOffWithoutParams() {
        FraudRules off = defaults.withOverride(RuleName.CARD_TESTING, false, Map.of());

        assertThat(off.cardTesting().enabled()).isFalse();
        assertThat(off.cardTesting().minCount()).isEqualTo(3);
    }

    @Test
    void overrideChangesNoOtherRule() {
        FraudRules overridden = defaults.withOverride(RuleName.VELOCITY, false, Map.of("max-count", "9"));

        for (RuleName rule : RuleName.values()) {
            if (rule != RuleName.VELOCITY) {
                assertThat(overridden.config(rule)).isEqualTo(defaults.config(rule));
            }
        }
    }

    @Test
    void overrideStartsFromTheConfiguredValuesNotFromAnEarlierOverride() {
        FraudRules configured = FraudRules.from(Properties.of(Map.of("fraud.velocity.max-count", "7")));

        FraudRules latest = configured
                .withOverride(RuleName.VELOCITY, true, Map.of("window", "2m"))
                .withOverride(RuleName.VELOCITY, true, Map.of("weight", "0.3"));

        assertThat(latest.velocity()).isEqualTo(new VelocityConfig(true, 0.3, 7, Duration.ofSeconds(60)));
    }

    @Test
    void tombstoneRestoresTheConfiguredRuleNotTheBuiltInDefault() {
        FraudRules configured = FraudRules.from(Properties.of(Map.of("fraud.velocity.max-count", "7")));

        FraudRules restored = configured
                .withOverride(RuleName.VELOCITY, false, Map.of("max-count", "10", "window", "5m"))
                .withDefault(RuleName.VELOCITY);

        assertThat(restored.velocity()).isEqualTo(new VelocityConfig(true, 0.5, 7, Duration.ofSeconds(60)));
        assertThat(restored).isEqualTo(configured);
    }

    @Test
    void tombstoneLeavesOtherOverridesInForce() {
        FraudRules rules = defaults
                .withOverride(RuleName.VELOCITY, true, Map.of("max-count", "10"))
                .withOverride(RuleName.CARD_TESTING, false, Map.of())
                .withDefault(RuleName.VELOCITY);

        assertThat(rules.velocity()).isEqualTo(defaults.velocity());
        assertThat(rules.cardTesting().enabled()).isFalse();
    }

    @Test
    void unknownParamIsRefusedNamingTheRuleAndTheAllowedParams() {
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("max-cnt", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown param 'max-cnt' for rule VELOCITY: expected one of weight, max-count, window");
    }

    @Test
    void enabledIsNotAParam() {
        assertThatThrownBy(() -> defaults.withOverride(RuleName.BLOCKLISTED_CARD, true, Map.of("enabled", "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown param 'enabled' for rule BLOCKLISTED_CARD: expected one of weight");
    }

    @Test
    void anotherRulesParamIsUnknown() {
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("min-count", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown param 'min-count' for rule VELOCITY");
    }

    @Test
    void badValueIsRefusedNamingRuleParamValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("window", "-5s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value '-5s' for param window of rule VELOCITY: expected a positive duration,"
                        + " ISO-8601 (PT30S) or a number with a unit ms, s, m, h or d (250ms, 30s, 5m)");
        assertThatThrownBy(() -> defaults.withOverride(RuleName.CARD_TESTING, true, Map.of("weight", "1.5")))
                .hasMessage("Invalid value '1.5' for param weight of rule CARD_TESTING:"
                        + " expected a number from 0.0 to 1.0");
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("max-count", "0")))
                .hasMessage("Invalid value '0' for param max-count of rule VELOCITY: expected a whole number >= 1");
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("window", "30")))
                .hasMessageStartingWith("Invalid value '30' for param window of rule VELOCITY");
    }

    @Test
    void missingValueIsRefused() {
        Map<String, String> params = new HashMap<>();
        params.put("max-count", null);

        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, params))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing value for param max-count of rule VELOCITY: expected a whole number >= 1");
    }

    @Test
    void refusalMessageStaysOnOneLine() {
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("window", "5s\nrm -rf")))
                .hasMessageNotContaining("\n")
                .hasMessageContaining("'5s rm -rf'");
        assertThatThrownBy(() -> defaults.withOverride(RuleName.VELOCITY, true, Map.of("a\nb", "1")))
                .hasMessageNotContaining("\n");
    }

    @Test
    void failedOverrideLeavesTheRulesUnchanged() {
        FraudRules before = defaults.withOverride(RuleName.VELOCITY, true, Map.of("max-count", "9"));

        assertThatThrownBy(() -> before.withOverride(RuleName.VELOCITY, true, Map.of("max-count", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(before.velocity().maxCount()).isEqualTo(9);
    }

    @Test
    void configuredValuesAreCopiedNotReadAgain() {
        Map<String, String> raw = new HashMap<>(Map.of("fraud.velocity.max-count", "7"));
        FraudRules rules = FraudRules.from(Properties.of(raw));
        raw.put("fraud.velocity.max-count", "3");

        assertThat(rules.withDefault(RuleName.VELOCITY).velocity().maxCount()).isEqualTo(7);
    }

    @Test
    void everyRuleNeedsAConfigurationOfItsOwnType() {
        Map<RuleName, RuleConfig> mixedUp = new HashMap<>(defaults.rules());
        mixedUp.put(RuleName.VELOCITY, defaults.cardTesting());
        Map<RuleName, RuleConfig> incomplete = new HashMap<>(defaults.rules());
        incomplete.remove(RuleName.CARD_TESTING);

        assertThatThrownBy(() -> new FraudRules(mixedUp, defaults.configured()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule VELOCITY needs a VelocityConfig, got CardTestingConfig[");
        assertThatThrownBy(() -> new FraudRules(incomplete, defaults.configured()))
                .hasMessage("rule CARD_TESTING needs a CardTestingConfig, got null");
    }

    @Test
    void rulesMapCannotBeChanged() {
        assertThatThrownBy(() -> defaults.rules().put(RuleName.VELOCITY, defaults.cardTesting()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
