package io.streamsuite.fraud;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.Setting;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of all six rules as they are in force: the configured ones, with run-time overrides from the
 * {@code fraud-rules} topic on top.
 *
 * <p>An override replaces the configured parameters of one rule; it never builds on an earlier override of the
 * same rule. That keeps the result a function of the latest value per key, which is all a compacted topic
 * guarantees to replay after a restart.
 *
 * @param rules      the configuration in force for each rule
 * @param configured the configured values, which overrides start from and tombstones restore
 */
public record FraudRules(Map<RuleName, RuleConfig> rules, SettingLookup configured) {

    public FraudRules {
        Objects.requireNonNull(configured, "configured");
        EnumMap<RuleName, RuleConfig> copy = new EnumMap<>(RuleName.class);
        copy.putAll(rules);
        for (RuleName rule : RuleName.values()) {
            // checked here so that a mix-up fails where it is made, not on the first transaction
            if (!RuleConfig.typeOf(rule).isInstance(copy.get(rule))) {
                throw new IllegalArgumentException("rule " + rule + " needs a "
                        + RuleConfig.typeOf(rule).getSimpleName() + ", got " + copy.get(rule));
            }
        }
        rules = Collections.unmodifiableMap(copy);
    }

    /**
     * The configured rules.
     *
     * @param values where settings come from, usually {@code context::get}; read once, not kept
     */
    public static FraudRules from(SettingLookup values) {
        SettingSnapshot configured = SettingSnapshot.of(FraudSettings.all(), values);
        EnumMap<RuleName, RuleConfig> rules = new EnumMap<>(RuleName.class);
        for (RuleName rule : RuleName.values()) {
            rules.put(rule, RuleConfig.of(rule, configured));
        }
        return new FraudRules(rules, configured);
    }

    /** The rules with every setting at its built-in default. */
    public static FraudRules defaults() {
        return from(Setting::defaultValue);
    }

    /**
     * Applies a {@code fraud-rules} record: the rule's configured parameters with {@code params} replacing some of
     * them, switched on or off as {@code enabled} says. Other rules are unchanged.
     *
     * @param params parameter names as in the property keys after {@code fraud.<rule>.}, e.g. {@code max-count};
     *               values as in a properties file, e.g. {@code 90s}
     * @throws IllegalArgumentException naming the rule, the parameter, the value and what is allowed, for an
     *                                  unknown parameter or a value its setting refuses
     */
    public FraudRules withOverride(RuleName rule, boolean enabled, Map<String, String> params) {
        Map<String, Object> replacements = new HashMap<>();
        replacements.put(FraudSettings.enabled(rule).key(), enabled);
        params.forEach((name, raw) -> {
            Setting<?> setting = FraudSettings.param(rule, name).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown param '" + oneLine(name) + "' for rule " + rule + ": expected one of "
                            + String.join(", ", FraudSettings.paramNames(rule))));
            replacements.put(setting.key(), parse(rule, name, setting, raw));
        });
        SettingLookup overridden = snapshot().with(replacements);
        return with(rule, RuleConfig.of(rule, overridden));
    }

    /** Applies a {@code fraud-rules} tombstone: the rule goes back to its configured parameters. */
    public FraudRules withDefault(RuleName rule) {
        return with(rule, RuleConfig.of(rule, configured));
    }

    /** The configuration in force for a rule. */
    public RuleConfig config(RuleName rule) {
        return rules.get(rule);
    }

    public VelocityConfig velocity() {
        return (VelocityConfig) rules.get(RuleName.VELOCITY);
    }

    public AmountSpikeConfig amountSpike() {
        return (AmountSpikeConfig) rules.get(RuleName.AMOUNT_SPIKE);
    }

    public ImpossibleTravelConfig impossibleTravel() {
        return (ImpossibleTravelConfig) rules.get(RuleName.IMPOSSIBLE_TRAVEL);
    }

    public BlocklistConfig blocklistedMerchant() {
        return (BlocklistConfig) rules.get(RuleName.BLOCKLISTED_MERCHANT);
    }

    public BlocklistConfig blocklistedCard() {
        return (BlocklistConfig) rules.get(RuleName.BLOCKLISTED_CARD);
    }

    public CardTestingConfig cardTesting() {
        return (CardTestingConfig) rules.get(RuleName.CARD_TESTING);
    }

    /** How late a transaction may arrive and still meet its full history ({@code fraud.grace}, not overridable). */
    public Duration grace() {
        return configured.get(FraudSettings.GRACE);
    }

    /**
     * How far back in event time a card's history must reach: the longer window, plus the grace so that a late
     * transaction still finds every transaction of its window.
     */
    public Duration retention() {
        Duration velocity = velocity().window();
        Duration cardTesting = cardTesting().window();
        return (velocity.compareTo(cardTesting) >= 0 ? velocity : cardTesting).plus(grace());
    }

    /** How many of a card's latest transactions its history keeps regardless of age, for the amount mean. */
    public int amountsKept() {
        return amountSpike().amountsKept();
    }

    /** The most transactions a card's history keeps ({@code fraud.history.max-transactions}, not overridable). */
    public int historyCap() {
        return configured.get(FraudSettings.HISTORY_MAX_TRANSACTIONS);
    }

    private FraudRules with(RuleName rule, RuleConfig config) {
        EnumMap<RuleName, RuleConfig> changed = new EnumMap<>(rules);
        changed.put(rule, config);
        return new FraudRules(changed, configured);
    }

    private SettingSnapshot snapshot() {
        // a FraudRules made through the canonical constructor may hold any lookup; snapshot it to layer overrides
        return configured instanceof SettingSnapshot snapshot
                ? snapshot
                : SettingSnapshot.of(FraudSettings.all(), configured);
    }

    private static Object parse(RuleName rule, String name, Setting<?> setting, String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("Missing value for param " + name + " of rule " + rule + ": expected "
                    + setting.allowed());
        }
        try {
            return setting.parse(raw);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException("Invalid value '" + oneLine(raw) + "' for param " + name + " of rule "
                    + rule + ": expected " + setting.allowed(), e);
        }
    }

    /** Keeps a message on one line whatever a producer put into the override. */
    private static String oneLine(String text) {
        return text.replaceAll("\\R", " ");
    }
}
