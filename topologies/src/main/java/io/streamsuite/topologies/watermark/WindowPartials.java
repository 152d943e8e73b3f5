package io.streamsuite.topologies.watermark;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The first stage of a watermark-aligned tumbling window: aggregates the records of one task (one source partition)
 * per key and window, and when the task's own event time has passed a window's end plus {@code closeAfter} sends
 * the window's partial downstream, once, followed by a {@link PartialOrMark.Mark} for every partition downstream.
 *
 * <p>Event time here is the highest record timestamp this processor has seen, as Kafka's windowed operators keep
 * it. A record with a null value only moves that time on (a tick), e.g. for windows over records derived from
 * another stream. A record whose window this task has already closed is dropped and counted in Streams'
 * {@code dropped-records-total}: {@code closeAfter} is the grace of one partition.
 *
 * <p>A task that sees no new event time for {@code idleAfter} by the wall clock says so with an idle mark, so that
 * an empty or quiet partition does not hold back the windows of the others; its next record makes it count again.
 * Before that mark it sends the partials of its open windows as they stand: the merges stop waiting for it, so they
 * must already have what it has, or a window would be emitted without the records the task got before it fell quiet.
 * Its later records for such a window make a further partial, sent when the window closes, which the merge adds to
 * the window if it is still open there and drops as late if not.
 *
 * @param <V> the records
 * @param <P> the partial aggregate
 */
public final class WindowPartials<K, V, P> implements Processor<Object, V, K, PartialOrMark<P>> {

    /**
     * @param storeName  a key-value store of {@code Bytes} and {@code byte[]} (see {@link #store}) connected to the
     *                   processor: the open windows of the task, and when it last closed and marked
     * @param windowSize tumbling windows aligned to the epoch
     * @param closeAfter how long after its end a window closes, in this task's event time
     * @param markEvery  sends a mark when its time has moved this far since the last, even if no window closed: so
     *                   that a merge that waits longer than the window's end (a delay) learns of the progress
     * @param idleAfter  no new event time for this long by the wall clock makes the task idle
     * @param markKey    the key of the marks, not null: Kafka Streams' repartition drops records with a null key
     */
    public record Spec<K, V, P>(String storeName, Duration windowSize, Duration closeAfter, Duration markEvery,
                                Duration idleAfter, Function<V, K> keyOf, Supplier<P> empty, BiFunction<P, V, P> add,
                                Serde<K> keySerde, Serde<P> aggregateSerde, K markKey) {
    }

    private final Spec<K, V, P> spec;
    private final long size;
    private final long closeAfter;
    private final long markEvery;
    private final long idleAfter;
    private ProcessorContext<K, PartialOrMark<P>> context;
    private KeyValueStore<Bytes, byte[]> store;
    private LateRecords late;
    private long observed;
    /** Windows ending at or before this are closed. */
    private long closedUpTo;
    private long lastMark;
    private boolean idle;
    private boolean resumed;
    private long progressedAt;

    public WindowPartials(Spec<K, V, P> spec) {
        this.spec = spec;
        this.size = spec.windowSize().toMillis();
        this.closeAfter = spec.closeAfter().toMillis();
        this.markEvery = spec.markEvery().toMillis();
        this.idleAfter = spec.idleAfter().toMillis();
    }

    /** For {@code KStream#process}, whose key type it accepts whatever it is. */
    public static <K, V, P> ProcessorSupplier<Object, V, K, PartialOrMark<P>> supplier(Spec<K, V, P> spec) {
        return () -> new WindowPartials<>(spec);
    }

    /** The store this processor needs, in memory: it holds only windows still within their close time. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                org.apache.kafka.common.serialization.Serdes.Bytes(),
                org.apache.kafka.common.serialization.Serdes.ByteArray());
    }

    @Override
    public void init(ProcessorContext<K, PartialOrMark<P>> context) {
        this.context = context;
        this.store = context.getStateStore(spec.storeName());
        this.late = new LateRecords(context);
        byte[] meta = store.get(WindowKeys.META);
        closedUpTo = meta == null ? Long.MIN_VALUE : ByteBuffer.wrap(meta).getLong();
        lastMark = closedUpTo;
        observed = closedUpTo == Long.MIN_VALUE ? Long.MIN_VALUE : closedUpTo + closeAfter;
        progressedAt = context.currentSystemTimeMs();
        context.schedule(Duration.ofMillis(Math.max(100, Math.min(1000, idleAfter / 4))),
                PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
    }

    @Override
    public void process(Record<Object, V> record) {
        long time = record.timestamp();
        if (time > observed) {
            observed = time;
            progressedAt = context.currentSystemTimeMs();
        }
        if (idle) {
            idle = false;
            resumed = true;
        }
        V value = record.value();
        if (value != null) {
            long start = time - Math.floorMod(time, size);
            long end = start + size;
            if (end <= closedUpTo) {
                late.record();
            } else {
                Bytes key = WindowKeys.of(end, start,
                        spec.keySerde().serializer().serialize(null, spec.keyOf().apply(value)));
                byte[] old = store.get(key);
                P before = old == null ? spec.empty().get() : spec.aggregateSerde().deserializer().deserialize(null, old);
                store.put(key, spec.aggregateSerde().serializer().serialize(null, spec.add().apply(before, value)));
            }
        }
        closeDue();
    }

    private void closeDue() {
        if (observed == Long.MIN_VALUE) {
            return;
        }
        long closeBefore = observed - closeAfter;
        boolean closed = false;
        if (closeBefore > closedUpTo) {
            closed = sendWindowsEndingBy(closeBefore);
            closedUpTo = closeBefore;
        }
        if (closed || resumed || lastMark == Long.MIN_VALUE || closedUpTo - lastMark >= markEvery) {
            mark(false);
        }
    }

    private void mark(boolean idleNow) {
        resumed = false;
        lastMark = closedUpTo;
        store.put(WindowKeys.META, ByteBuffer.allocate(8).putLong(closedUpTo).array());
        context.forward(new Record<>(spec.markKey(), PartialOrMark.mark(context.taskId().partition(), closedUpTo, idleNow),
                Math.max(0, closedUpTo)));
    }

    private void checkIdle(long now) {
        if (!idle && now - progressedAt >= idleAfter) {
            idle = true;
            sendWindowsEndingBy(Long.MAX_VALUE);
            mark(true);
        }
    }

    /** Sends the partials of the windows ending at or before a time, and forgets them; whether there were any. */
    private boolean sendWindowsEndingBy(long endsBy) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                if (!WindowKeys.isWindow(entry.key)) {
                    continue;
                }
                if (WindowKeys.end(entry.key) > endsBy) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<Bytes, byte[]> entry : due) {
            K key = spec.keySerde().deserializer().deserialize(null, WindowKeys.key(entry.key));
            P partial = spec.aggregateSerde().deserializer().deserialize(null, entry.value);
            long start = WindowKeys.start(entry.key);
            context.forward(new Record<>(key, PartialOrMark.partial(start, WindowKeys.end(entry.key), partial),
                    Math.max(0, start)));
            store.delete(entry.key);
        }
        return !due.isEmpty();
    }
}
