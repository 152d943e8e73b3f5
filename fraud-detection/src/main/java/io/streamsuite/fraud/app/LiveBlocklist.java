package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.BlocklistView;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocklist as the stream threads read it: a copy in memory of the global store, kept by the {@link
 * BlocklistUpdater} that owns the store. Two lookups per transaction in a hash map instead of two RocksDB reads
 * through JNI and two JSON decodes; the price is the blocklist on the heap once more (a key and its reason per entry).
 */
final class LiveBlocklist implements BlocklistView {

    /** Blocklist key ({@code merchant:<id>}, {@code card:<id>}) to reason, "" when the entry gives none. */
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    @Override
    public Optional<String> merchantReason(String merchantId) {
        return Optional.ofNullable(reasons.get(BlocklistEntry.merchantKey(merchantId)));
    }

    @Override
    public Optional<String> cardReason(String cardId) {
        return Optional.ofNullable(reasons.get(BlocklistEntry.cardKey(cardId)));
    }

    void put(String key, BlocklistEntry entry) {
        reasons.put(key, entry.reason() == null ? "" : entry.reason());
    }

    void remove(String key) {
        reasons.remove(key);
    }

    /** Forgets every key but these: what the store holds is the truth when the updater starts. */
    void retainOnly(Set<String> keys) {
        reasons.keySet().retainAll(keys);
    }
}
