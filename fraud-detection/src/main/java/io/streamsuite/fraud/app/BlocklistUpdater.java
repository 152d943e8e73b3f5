package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global blocklist store in step with {@code fraud-blocklist}, live and when the store is rebuilt at start.
 *
 * <p>Values arrive as raw bytes and are decoded here, because a record that fails in a global thread's
 * deserializer stops the whole app (Kafka Streams has no dead-letter path there). A record with a key that names
 * neither a merchant nor a card is skipped with a warning. A value that cannot be read still blocks its key, with no
 * reason: failing safe, and the same on every replay, since only the latest value of a key survives compaction.
 */
final class BlocklistUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(BlocklistUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<BlocklistEntry> decoder;
    private KeyValueStore<String, BlocklistEntry> store;

    BlocklistUpdater(String storeName, TopicSpec<String, BlocklistEntry> source) {
        this.storeName = storeName;
        this.topic = source.name();
        this.decoder = source.valueSerde().deserializer();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        Optional<String> keyProblem = BlocklistEntry.keyProblem(key);
        if (keyProblem.isPresent()) {
            LOG.warn("Skipping a fraud-blocklist record: {}, got '{}'", keyProblem.get(), key);
            return;
        }
        if (record.value() == null) {
            store.delete(key);
            return;
        }
        store.put(key, decode(key, record.value()));
    }

    private BlocklistEntry decode(String key, byte[] value) {
        try {
            return decoder.deserialize(topic, value);
        } catch (SerializationException e) {
            LOG.warn("Blocking {} without a reason: its fraud-blocklist value is unreadable ({})", key, e.getMessage());
            return new BlocklistEntry(null, null);
        }
    }
}
