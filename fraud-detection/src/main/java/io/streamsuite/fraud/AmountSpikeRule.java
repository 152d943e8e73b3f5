package io.streamsuite.fraud;

import java.util.Optional;

/**
 * Flags an amount far above what the card usually spends: at least {@code multiplier} times the mean of its last
 * {@code history-size} previous amounts, once it has {@code min-history} previous transactions, and at least
 * {@code min-amount}, so that a card that buys coffee is not flagged for a lunch.
 */
public final class AmountSpikeRule implements Rule {

    @Override
    public RuleName name() {
        return RuleName.AMOUNT_SPIKE;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        AmountSpikeConfig spike = (AmountSpikeConfig) config;
        double amount = tx.amount();
        if (amount < spike.minAmount()) {
            return Optional.empty();
        }
        PreviousAmounts previous = history.amountsAtOrBefore(tx.timestamp(), spike.historySize());
        if (previous.available() < spike.minHistory() || amount < spike.multiplier() * previous.mean()) {
            return Optional.empty();
        }
        String of = " of " + previous.used() + " previous transactions";
        if (previous.mean() == 0) {
            return Optional.of("amount " + ReasonText.amount(amount) + " against a mean of 0.00" + of);
        }
        return Optional.of("amount " + ReasonText.amount(amount) + " is "
                + ReasonText.ratio(amount / previous.mean()) + "x the mean "
                + ReasonText.amount(previous.mean()) + of);
    }
}
