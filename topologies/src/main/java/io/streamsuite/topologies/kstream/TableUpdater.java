package io.streamsuite.topologies.kstream;

import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.config.LogText;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.errors.Outages;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
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
 * key as a tombstone would, the same on every replay of the compacted topic, and counts it as a dead letter
 * ({@code undecodable}; Kafka cannot write dead letters from the global thread).
 *
 * <p>A value that cannot be decoded because of an outage (a schema registry that cannot be reached) is not unreadable:
 * the global thread pauses and tries again, with backoff, for up to {@link #OUTAGE_PATIENCE}; then the failure goes to
 * the processing exception handler, which stops the app so that its supervisor restarts it. Anything else a decoder
 * throws is the record's problem.
 *
 * @param <V> the decoded value
 */
public abstract class TableUpdater<V> implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(TableUpdater.class);
    /** How long the global thread waits for an outage to end before it gives up. */
    public static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(5);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

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
            LOG.warn("Skipping a {} record: {}, got '{}'", topic, keyProblem.get(), LogText.of(key));
            return;
        }
        if (record.value() == null) {
            onTombstone(key);
            return;
        }
        V value;
        try {
            value = decodeThroughOutages(record);
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            DeadLetterCounter.increment(topic, DeadLetterCounter.UNDECODABLE);
            onUnreadable(key, e.getMessage());
            return;
        }
        onValue(key, value);
    }

    private V decodeThroughOutages(Record<String, byte[]> record) {
        long giveUpAt = System.nanoTime() + OUTAGE_PATIENCE.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                // with the headers: a CloudEvent in binary or structured mode is recognised by them
                return decoder.deserialize(topic, record.headers(), record.value());
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e) || System.nanoTime() + pause.toNanos() > giveUpAt) {
                    throw e;
                }
                LOG.warn("Cannot decode a {} record for an outage; the global thread retries in {}: {}", topic, pause,
                        LogText.of(e.getMessage()));
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an outage to end", e);
        }
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
        LOG.warn("Removed {} from the {} table: its value is unreadable ({})", LogText.of(key), topic, LogText.of(problem));
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
