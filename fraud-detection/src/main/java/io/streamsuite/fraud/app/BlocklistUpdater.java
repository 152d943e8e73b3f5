package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global blocklist store in step with {@code fraud-blocklist}, and the {@link LiveBlocklist} that the
 * stream threads read in step with the store. A record with a key that names neither a merchant nor a card is
 * skipped with a warning. A value that cannot be read still blocks its key, with no reason: failing safe, and the
 * same on every replay, since only the latest value of a key survives compaction.
 */
final class BlocklistUpdater extends TableUpdater<BlocklistEntry> {

    private static final Logger LOG = LoggerFactory.getLogger(BlocklistUpdater.class);

    private final LiveBlocklist live;

    BlocklistUpdater(String storeName, TopicSpec<String, BlocklistEntry> source, LiveBlocklist live) {
        super(storeName, source);
        this.live = live;
    }

    /**
     * Copies the store into memory: after a restart the persistent store already holds the entries read before,
     * which the topic is not read again for.
     */
    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        Set<String> stored = new HashSet<>();
        try (KeyValueIterator<String, BlocklistEntry> entries = store().all()) {
            while (entries.hasNext()) {
                KeyValue<String, BlocklistEntry> entry = entries.next();
                live.put(entry.key, entry.value);
                stored.add(entry.key);
            }
        }
        live.retainOnly(stored);
        LOG.info("Blocklist in memory: {} entries", stored.size());
    }

    @Override
    protected Optional<String> keyProblem(String key) {
        return BlocklistEntry.keyProblem(key);
    }

    @Override
    protected void onValue(String key, BlocklistEntry entry) {
        store().put(key, entry);
        live.put(key, entry);
    }

    @Override
    protected void onTombstone(String key) {
        store().delete(key);
        live.remove(key);
    }

    @Override
    protected void onUnreadable(String key, String problem) {
        LOG.warn("Blocking {} without a reason: its fraud-blocklist value is unreadable ({})", key, problem);
        onValue(key, new BlocklistEntry(null, null));
    }
}
