package io.streamsuite.fraud;

import java.time.Duration;
import java.util.Objects;

/** Parameters of {@link RuleName#VELOCITY}: at most {@code maxCount} transactions per card within {@code window}. */
public record VelocityConfig(boolean enabled, double weight, int maxCount, Duration window) implements RuleConfig {

    public VelocityConfig {
        Objects.requireNonNull(window, "window");
    }

    static VelocityConfig from(SettingLookup values) {
        return new VelocityConfig(values.get(FraudSettings.VELOCITY_ENABLED), values.get(FraudSettings.VELOCITY_WEIGHT),
                values.get(FraudSettings.VELOCITY_MAX_COUNT), values.get(FraudSettings.VELOCITY_WINDOW));
    }
}
