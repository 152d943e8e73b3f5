package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global blocklist store in step with {@code fraud-blocklist}. A record with a key that names neither a
 * merchant nor a card is skipped with a warning. A value that cannot be read still blocks its key, with no reason:
 * failing safe, and the same on every replay, since only the latest value of a key survives compaction.
 */
final class BlocklistUpdater extends TableUpdater<BlocklistEntry> {

    private static final Logger LOG = LoggerFactory.getLogger(BlocklistUpdater.class);

    BlocklistUpdater(String storeName, TopicSpec<String, BlocklistEntry> source) {
        super(storeName, source);
    }

    @Override
    protected Optional<String> keyProblem(String key) {
        return BlocklistEntry.keyProblem(key);
    }

    @Override
    protected void onUnreadable(String key, String problem) {
        LOG.warn("Blocking {} without a reason: its fraud-blocklist value is unreadable ({})", key, problem);
        store().put(key, new BlocklistEntry(null, null));
    }
}
