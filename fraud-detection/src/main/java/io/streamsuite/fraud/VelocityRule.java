package io.streamsuite.fraud;

import java.util.Optional;

/**
 * Flags a card used more often than people pay: more than {@code max-count} transactions, this one included, within
 * the window of event time that ends at it. Every transaction past the limit is flagged, not only the first.
 */
public final class VelocityRule implements Rule {

    @Override
    public RuleName name() {
        return RuleName.VELOCITY;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        VelocityConfig velocity = (VelocityConfig) config;
        long time = tx.timestamp();
        int count = history.countBetween(EventTimes.windowStart(time, velocity.window()), time) + 1;
        if (count <= velocity.maxCount()) {
            return Optional.empty();
        }
        return Optional.of(count + " transactions within " + ReasonText.window(velocity.window())
                + " (limit " + velocity.maxCount() + ")");
    }
}
