package io.streamsuite.fraud;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The value of a {@code fraud-rules} record, keyed by a rule name: switches the rule on or off and replaces some of
 * its configured parameters until a tombstone restores them.
 *
 * @param enabled whether the rule runs; when missing, as configured
 * @param params  parameter name (as after {@code fraud.<rule>.}) to value, a number or a string such as
 *                {@code "90s"}; when missing, none
 */
public record RuleOverride(Boolean enabled, Map<String, Object> params) {

    public RuleOverride {
        // not Map.copyOf, which refuses null values: a null parameter is reported by applyTo like any bad value
        params = params == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(params));
    }

    /**
     * The rules with this override in force for one rule.
     *
     * @throws IllegalArgumentException naming the parameter and value, when a parameter is unknown or its value
     *                                  invalid
     */
    public FraudRules applyTo(FraudRules rules, RuleName rule) {
        boolean on = enabled != null ? enabled : rules.configured().get(FraudSettings.enabled(rule));
        Map<String, String> raw = new HashMap<>();
        params.forEach((name, value) -> raw.put(name, value == null ? null : String.valueOf(value)));
        return rules.withOverride(rule, on, raw);
    }
}
