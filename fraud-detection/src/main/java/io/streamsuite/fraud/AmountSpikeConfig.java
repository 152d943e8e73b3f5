package io.streamsuite.fraud;

/**
 * Parameters of {@link RuleName#AMOUNT_SPIKE}: an amount of at least {@code minAmount} and at least {@code multiplier}
 * times the mean of the card's last {@code historySize} previous amounts, once it has {@code minHistory} of them.
 */
public record AmountSpikeConfig(boolean enabled, double weight, double multiplier, int minHistory, int historySize,
                                double minAmount) implements RuleConfig {

    static AmountSpikeConfig from(SettingLookup values) {
        return new AmountSpikeConfig(values.get(FraudSettings.AMOUNT_SPIKE_ENABLED),
                values.get(FraudSettings.AMOUNT_SPIKE_WEIGHT), values.get(FraudSettings.AMOUNT_SPIKE_MULTIPLIER),
                values.get(FraudSettings.AMOUNT_SPIKE_MIN_HISTORY), values.get(FraudSettings.AMOUNT_SPIKE_HISTORY_SIZE),
                values.get(FraudSettings.AMOUNT_SPIKE_MIN_AMOUNT));
    }

    /**
     * How many of a card's latest transactions its history must keep, whatever their age: enough for the mean and
     * enough to tell that the card has {@code minHistory} previous transactions, should that be the larger.
     */
    public int amountsKept() {
        return Math.max(historySize, minHistory);
    }
}
