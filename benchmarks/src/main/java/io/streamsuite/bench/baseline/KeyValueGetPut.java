package io.streamsuite.bench.baseline;

import io.streamsuite.topologies.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The pass-through plus the smallest stateful step an app takes: per record, one get and one put of a small JSON value
 * under the record's key in a persistent (RocksDB, changelogged) key-value store, as the apps keep their per-key state.
 * Between the pass-through and the app, it says what a store round trip costs by itself.
 */
public final class KeyValueGetPut {

    static final String STORE = "bench-kv-store";

    /** The stored value: how many records the key has had, their bytes, and the newest timestamp. */
    public record KeyTally(long count, long bytes, long lastTime) {
    }

    private KeyValueGetPut() {
    }

    static Topology topology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(KeyTally.class)));
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-kv-source"))
                .processValues(Touch::new, Named.as("bench-kv-touch"), STORE)
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-kv-sink"));
        return builder.build();
    }

    private static final class Touch implements FixedKeyProcessor<String, byte[], byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;
        private KeyValueStore<String, KeyTally> store;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            KeyTally before = store.get(record.key());
            int size = record.value() == null ? 0 : record.value().length;
            store.put(record.key(), before == null ? new KeyTally(1, size, record.timestamp())
                    : new KeyTally(before.count() + 1, before.bytes() + size,
                            Math.max(before.lastTime(), record.timestamp())));
            context.forward(record);
        }
    }

    public static void main(String[] argv) throws InterruptedException {
        BaselineArgs args = BaselineArgs.parse(argv);
        StreamsBaseline.run(topology(args.get("input"), args.get("output")), StreamsBaseline.properties(args));
    }
}
