package io.streamsuite.fraud;

import java.util.Optional;

/** Flags a payment to a merchant on the blocklist, e.g. a terminal known to skim cards. */
public final class BlocklistedMerchantRule implements Rule {

    @Override
    public RuleName name() {
        return RuleName.BLOCKLISTED_MERCHANT;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        return blocklist.merchantReason(tx.merchantId())
                .map(reason -> BlocklistReason.of("merchant", tx.merchantId(), reason));
    }
}
