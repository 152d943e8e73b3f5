package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.BlocklistView;
import java.util.Optional;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The blocklist as the global store of {@code fraud-blocklist} holds it right now. */
record StoreBlocklist(ReadOnlyKeyValueStore<String, BlocklistEntry> store) implements BlocklistView {

    @Override
    public Optional<String> merchantReason(String merchantId) {
        return reason(BlocklistEntry.merchantKey(merchantId));
    }

    @Override
    public Optional<String> cardReason(String cardId) {
        return reason(BlocklistEntry.cardKey(cardId));
    }

    private Optional<String> reason(String key) {
        BlocklistEntry entry = store.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(entry.reason() == null ? "" : entry.reason());
    }
}
