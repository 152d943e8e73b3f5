package io.streamsuite.fraud;

import java.time.Duration;
import java.util.Objects;

/**
 * Parameters of {@link RuleName#CARD_TESTING}: at least {@code minCount} transactions below {@code maxAmount} on one
 * card within {@code window}.
 */
public record CardTestingConfig(boolean enabled, double weight, double maxAmount, int minCount, Duration window)
        implements RuleConfig {

    public CardTestingConfig {
        Objects.requireNonNull(window, "window");
    }

    static CardTestingConfig from(SettingLookup values) {
        return new CardTestingConfig(values.get(FraudSettings.CARD_TESTING_ENABLED),
                values.get(FraudSettings.CARD_TESTING_WEIGHT), values.get(FraudSettings.CARD_TESTING_MAX_AMOUNT),
                values.get(FraudSettings.CARD_TESTING_MIN_COUNT), values.get(FraudSettings.CARD_TESTING_WINDOW));
    }

    /** Whether an amount counts as a test of the card. */
    public boolean isSmall(double amount) {
        return amount < maxAmount;
    }
}
