package io.streamsuite.fraud;

/**
 * The parameters of one rule as they are in force. Every rule can be switched off and weighs into the risk score;
 * the rest is rule-specific, hence one record per rule.
 */
public sealed interface RuleConfig
        permits VelocityConfig, AmountSpikeConfig, ImpossibleTravelConfig, BlocklistConfig, CardTestingConfig {

    /** Whether the rule runs at all. */
    boolean enabled();

    /** The rule's weight in the risk score, from 0 to 1. */
    double weight();

    /** The record type holding a rule's parameters. */
    static Class<? extends RuleConfig> typeOf(RuleName rule) {
        return switch (rule) {
            case VELOCITY -> VelocityConfig.class;
            case AMOUNT_SPIKE -> AmountSpikeConfig.class;
            case IMPOSSIBLE_TRAVEL -> ImpossibleTravelConfig.class;
            case BLOCKLISTED_MERCHANT, BLOCKLISTED_CARD -> BlocklistConfig.class;
            case CARD_TESTING -> CardTestingConfig.class;
        };
    }

    /** Reads a rule's parameters from their settings. */
    static RuleConfig of(RuleName rule, SettingLookup values) {
        return switch (rule) {
            case VELOCITY -> VelocityConfig.from(values);
            case AMOUNT_SPIKE -> AmountSpikeConfig.from(values);
            case IMPOSSIBLE_TRAVEL -> ImpossibleTravelConfig.from(values);
            case BLOCKLISTED_MERCHANT, BLOCKLISTED_CARD -> BlocklistConfig.from(rule, values);
            case CARD_TESTING -> CardTestingConfig.from(values);
        };
    }
}
