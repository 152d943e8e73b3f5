package io.streamsuite.fraud;

import java.util.Optional;

/**
 * Read access to the blocklist as it is when a transaction is processed. An interface so that the rules stay plain
 * Java: the topology backs it with the global store of the {@code fraud-blocklist} topic, tests with a map.
 */
public interface BlocklistView {

    /** A view in which nothing is blocked. */
    BlocklistView EMPTY = new BlocklistView() {
        @Override
        public Optional<String> merchantReason(String merchantId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> cardReason(String cardId) {
            return Optional.empty();
        }
    };

    /** Why the merchant is blocked (possibly an empty string), or empty if it is not. */
    Optional<String> merchantReason(String merchantId);

    /** Why the card is blocked (possibly an empty string), or empty if it is not. */
    Optional<String> cardReason(String cardId);
}
