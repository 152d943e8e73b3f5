package io.streamsuite.fraud;

/**
 * Parameters of {@link RuleName#BLOCKLISTED_MERCHANT} and {@link RuleName#BLOCKLISTED_CARD}: the blocklist itself
 * is data on its own topic, so all that is configured is whether the rule runs and what it weighs.
 */
public record BlocklistConfig(boolean enabled, double weight) implements RuleConfig {

    static BlocklistConfig from(RuleName rule, SettingLookup values) {
        return new BlocklistConfig(values.get(FraudSettings.enabled(rule)), values.get(FraudSettings.weight(rule)));
    }
}
