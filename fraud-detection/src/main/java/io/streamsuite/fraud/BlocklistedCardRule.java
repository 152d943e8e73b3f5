package io.streamsuite.fraud;

import java.util.Optional;

/** Flags any use of a card on the blocklist, e.g. one reported stolen. */
public final class BlocklistedCardRule implements Rule {

    @Override
    public RuleName name() {
        return RuleName.BLOCKLISTED_CARD;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        return blocklist.cardReason(tx.cardId())
                .map(reason -> BlocklistReason.of("card", tx.cardId(), reason));
    }
}
