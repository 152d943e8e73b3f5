package io.streamsuite.fraud;

import java.util.Optional;

/**
 * Flags the pattern of someone checking whether a stolen card works: at least {@code min-count} small transactions,
 * this one included, within the window that ends at it. Only a small transaction is flagged; a large one after
 * the tests is left to the other rules.
 */
public final class CardTestingRule implements Rule {

    @Override
    public RuleName name() {
        return RuleName.CARD_TESTING;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        CardTestingConfig testing = (CardTestingConfig) config;
        if (!testing.isSmall(tx.amount())) {
            return Optional.empty();
        }
        long time = tx.timestamp();
        int count = history.countBelowBetween(testing.maxAmount(), EventTimes.windowStart(time, testing.window()), time)
                + 1;
        if (count < testing.minCount()) {
            return Optional.empty();
        }
        return Optional.of(count + " transactions below " + ReasonText.amount(testing.maxAmount()) + " within "
                + ReasonText.window(testing.window()));
    }
}
