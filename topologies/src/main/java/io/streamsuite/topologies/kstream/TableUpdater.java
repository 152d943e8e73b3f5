package io.streamsuite.topologies.kstream;

import io.streamsuite.topologies.serde.TopicSpec;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store in step with a compacted reference topic (blocklists, rules, registries), live and when the
 * store is rebuilt at start.
 *
 * <p>Values arrive as raw bytes and are decoded here rather than by the source's deserializer, because a record that
 * fails in a global thread's deserializer stops the whole app: Kafka Streams has no dead-letter path there. A bad key
 * is skipped with a warning; a value that cannot be read goes to {@link #onUnreadable}, which by default removes the
 * key as a tombstone would, the same on every replay of the compacted topic.
 *
 * @param <V> the decoded value
 */
public abstract class TableUpdater<V> implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(TableUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<V> decoder;
    private KeyValueStore<String, V> store;

    protected TableUpdater(String storeName, TopicSpec<String, V> source) {
        this.storeName = storeName;
        this.topic = source.name();
        this.decoder = source.valueSerde().deserializer();
    }

    /**
     * Adds the global store of a reference topic, fed through an updater.
     *
     * @param store where the table lives: persistent for large tables (a restart reads only what is new), in memory
     *              for small ones
     */
    public static <V> void addGlobalTable(StreamsBuilder builder, KeyValueBytesStoreSupplier store,
                                          TopicSpec<String, V> source, Supplier<TableUpdater<V>> updater) {
        addGlobalTable(builder, store, source, source.valueSerde(), updater);
    }

    /**
     * Adds the global store of a reference topic, fed through an updater, with the store's values in a serde of their
     * own: the topic's serde may need a schema registry, which a store private to the app should not.
     */
    public static <V> void addGlobalTable(StreamsBuilder builder, KeyValueBytesStoreSupplier store,
                                          TopicSpec<String, V> source, Serde<V> storeValueSerde,
                                          Supplier<TableUpdater<V>> updater) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(store, Serdes.String(), storeValueSerde)
                        // a global store is restored from its source topic, never from a changelog
                        .withLoggingDisabled(),
                source.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(store.name() + "-source"),
                updater::get);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public final void process(Record<String, byte[]> record) {
        String key = record.key();
        Optional<String> keyProblem = keyProblem(key);
        if (keyProblem.isPresent()) {
            LOG.warn("Skipping a {} record: {}, got '{}'", topic, keyProblem.get(), key);
            return;
        }
        if (record.value() == null) {
            onTombstone(key);
            return;
        }
        V value;
        try {
            // with the headers: a CloudEvent in binary or structured mode is recognised by them
            value = decoder.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            onUnreadable(key, e.getMessage());
            return;
        }
        onValue(key, value);
    }

    /** What is wrong with a key, or empty if the table takes it; by default only a missing or blank key is wrong. */
    protected Optional<String> keyProblem(String key) {
        return key == null || key.isBlank() ? Optional.of("the key is missing") : Optional.empty();
    }

    /** A decoded value for a valid key; by default stored. */
    protected void onValue(String key, V value) {
        store.put(key, value);
    }

    /** A tombstone for a valid key; by default the key is removed. */
    protected void onTombstone(String key) {
        store.delete(key);
    }

    /** A value that cannot be decoded; by default the key is removed, as a tombstone would, and a warning logged. */
    protected void onUnreadable(String key, String problem) {
        store.delete(key);
        LOG.warn("Removed {} from the {} table: its value is unreadable ({})", key, topic, problem);
    }

    /** The store, once {@link #init} has run. */
    protected KeyValueStore<String, V> store() {
        return store;
    }

    /** The source topic, for messages. */
    protected String topic() {
        return topic;
    }
}
