package io.streamsuite.topologies.watermark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The second stage of a watermark-aligned window: adds up the partials that the source partitions send for each key
 * and window, and emits a window once, when the marks of every source partition have passed its end (plus
 * {@code delay}). The result is then the same whatever the skew between the partitions: live, replayed at full speed,
 * or with one partition read hours behind the others.
 *
 * <p>The watermark is the lowest latest mark over the source partitions that are not idle (or over all of them, when
 * every one is idle). A partition not heard from yet counts as active at the beginning of time, so nothing is emitted
 * before every partition has reported. A partial for a window already emitted, which only a partition that was idle can
 * send, is dropped and counted in Streams' {@code dropped-records-total}.
 *
 * <p>It forwards each emitted window as a partial (now complete) and, when its watermark moves, a mark of its own
 * task, so that a further merge can follow it (e.g. a ranking of all keys per window, fed by the merges of each key).
 *
 * @param <P> what the sources send
 * @param <A> the window's aggregate
 */
public final class WatermarkMerge<K, P, A> implements Processor<K, PartialOrMark<P>, K, PartialOrMark<A>> {

    /**
     * @param pendingStore  a key-value store of {@code Bytes} and {@code byte[]} ({@link #pendingStore}): the windows
     *                      not emitted yet
     * @param marksStore    the same kind of store ({@link #marksStore}): the latest mark of every source
     * @param sourceTopic   the full name of the topic whose partition count is the number of sources
     * @param delay         how long past a window's end the watermark must be before the window is emitted
     * @param markKey       the key of its own marks, not null: Kafka Streams' repartition drops records with a null key
     */
    public record Spec<K, P, A>(String pendingStore, String marksStore, String sourceTopic, SourcePartitions sources,
                                long delay, Supplier<A> empty, BiFunction<A, P, A> add, Serde<K> keySerde,
                                Serde<A> aggregateSerde, K markKey) {
    }

    private final Spec<K, P, A> spec;
    private ProcessorContext<K, PartialOrMark<A>> context;
    private KeyValueStore<Bytes, byte[]> pending;
    private KeyValueStore<Bytes, byte[]> marks;
    private LateRecords late;
    private long[] times;
    private boolean[] idle;
    /** The watermark up to which windows have been emitted. */
    private long emitted;

    public WatermarkMerge(Spec<K, P, A> spec) {
        this.spec = spec;
    }

    /** Persistent: while one partition lags, every window after its mark waits here. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> pendingStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    /** One small entry per source partition. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> marksStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    @Override
    public void init(ProcessorContext<K, PartialOrMark<A>> context) {
        this.context = context;
        this.pending = context.getStateStore(spec.pendingStore());
        this.marks = context.getStateStore(spec.marksStore());
        this.late = new LateRecords(context);
        int count = spec.sources().count(spec.sourceTopic(), context.appConfigs());
        times = new long[count];
        idle = new boolean[count];
        Arrays.fill(times, Long.MIN_VALUE);
        for (int source = 0; source < count; source++) {
            byte[] mark = marks.get(sourceKey(source));
            if (mark != null) {
                ByteBuffer buffer = ByteBuffer.wrap(mark);
                times[source] = buffer.getLong();
                idle[source] = buffer.get() != 0;
            }
        }
        byte[] meta = marks.get(WindowKeys.META);
        emitted = meta == null ? Long.MIN_VALUE : ByteBuffer.wrap(meta).getLong();
    }

    @Override
    public void process(Record<K, PartialOrMark<P>> record) {
        if (record.value() instanceof PartialOrMark.Partial<P> partial) {
            add(record.key(), partial);
        } else if (record.value() instanceof PartialOrMark.Mark<P> mark) {
            note(mark);
            advance();
        }
    }

    private void add(K key, PartialOrMark.Partial<P> partial) {
        if (emitted != Long.MIN_VALUE && partial.windowEnd() + spec.delay() <= emitted) {
            late.record();
            return;
        }
        Bytes at = WindowKeys.of(partial.windowEnd(), partial.windowStart(),
                spec.keySerde().serializer().serialize(null, key));
        byte[] old = pending.get(at);
        A before = old == null ? spec.empty().get() : spec.aggregateSerde().deserializer().deserialize(null, old);
        pending.put(at, spec.aggregateSerde().serializer().serialize(null, spec.add().apply(before, partial.value())));
    }

    private void note(PartialOrMark.Mark<P> mark) {
        int source = mark.source();
        if (source < 0 || source >= times.length) {
            throw new StreamsException("A mark from partition " + source + " of " + spec.sourceTopic() + ", which has "
                    + times.length + " partitions: was the topic resized? The app needs a --reset.");
        }
        times[source] = Math.max(times[source], mark.time());
        idle[source] = mark.idle();
        marks.put(sourceKey(source), ByteBuffer.allocate(9).putLong(times[source]).put((byte) (idle[source] ? 1 : 0))
                .array());
    }

    /** The lowest mark of the active sources, or of all when all are idle. */
    long watermark() {
        long active = Long.MAX_VALUE;
        long all = Long.MAX_VALUE;
        for (int source = 0; source < times.length; source++) {
            all = Math.min(all, times[source]);
            if (!idle[source]) {
                active = Math.min(active, times[source]);
            }
        }
        return active != Long.MAX_VALUE ? active : all;
    }

    private void advance() {
        long watermark = watermark();
        if (watermark == Long.MIN_VALUE || watermark <= emitted) {
            return;
        }
        long endsBy = watermark - spec.delay();
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                if (WindowKeys.end(entry.key) > endsBy) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            K key = spec.keySerde().deserializer().deserialize(null, WindowKeys.key(entry.key));
            A aggregate = spec.aggregateSerde().deserializer().deserialize(null, entry.value);
            long start = WindowKeys.start(entry.key);
            context.forward(new Record<>(key, PartialOrMark.partial(start, WindowKeys.end(entry.key), aggregate),
                    Math.max(0, start)));
            pending.delete(entry.key);
        }
        emitted = watermark;
        marks.put(WindowKeys.META, ByteBuffer.allocate(8).putLong(emitted).array());
        context.forward(new Record<>(spec.markKey(), PartialOrMark.mark(context.taskId().partition(), watermark, false),
                Math.max(0, watermark)));
    }

    private static Bytes sourceKey(int source) {
        return Bytes.wrap(ByteBuffer.allocate(4).putInt(source).array());
    }

    /**
     * The pending window with the latest end in a merge's store, for queries of the window in progress.
     *
     * @return null if none
     */
    public static <K, A> Pending<K, A> latest(org.apache.kafka.streams.state.ReadOnlyKeyValueStore<Bytes, byte[]> store,
                                              Serde<K> keySerde, Serde<A> aggregateSerde) {
        try (KeyValueIterator<Bytes, byte[]> all = store.reverseAll()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                if (WindowKeys.isWindow(entry.key)) {
                    return new Pending<>(keySerde.deserializer().deserialize(null, WindowKeys.key(entry.key)),
                            WindowKeys.start(entry.key), WindowKeys.end(entry.key),
                            aggregateSerde.deserializer().deserialize(null, entry.value));
                }
            }
        }
        return null;
    }

    /** A window not emitted yet, as it stands. */
    public record Pending<K, A>(K key, long windowStart, long windowEnd, A aggregate) {
    }
}
