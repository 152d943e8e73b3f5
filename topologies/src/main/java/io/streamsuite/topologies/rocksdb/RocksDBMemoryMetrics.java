package io.streamsuite.topologies.rocksdb;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * Gauges of the memory all RocksDB stores of the process share ({@link BoundedMemoryRocksDBConfig}): the budget and
 * how much of it the block cache, which the memtables are charged to, holds. Streams' own RocksDB metrics need
 * {@code metrics.recording.level=DEBUG} and report per store, which says nothing about the shared total.
 * Before the first store opens nothing is allocated and every gauge reads 0.
 *
 * <p>Prometheus names: {@code streams_rocksdb_memory_budget_bytes}, {@code streams_rocksdb_cache_usage_bytes},
 * {@code streams_rocksdb_cache_pinned_usage_bytes}.
 */
public final class RocksDBMemoryMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "streams.rocksdb.memory.budget", "Memory budget of all RocksDB stores of the process together",
                SharedRocksDBMemory::budgetBytes);
        gauge(registry, "streams.rocksdb.cache.usage", "Bytes in the shared RocksDB block cache, memtables included",
                memory -> memory.cache().getUsage());
        gauge(registry, "streams.rocksdb.cache.pinned.usage", "Bytes of the shared RocksDB block cache in use by readers and memtables",
                memory -> memory.cache().getPinnedUsage());
    }

    private static void gauge(MeterRegistry registry, String name, String description, ToLongFunction<SharedRocksDBMemory> value) {
        Gauge.builder(name, () -> read(value)).description(description).baseUnit(BaseUnits.BYTES).register(registry);
    }

    private static long read(ToLongFunction<SharedRocksDBMemory> value) {
        SharedRocksDBMemory memory = BoundedMemoryRocksDBConfig.currentSharedMemory();
        // a released cache (tests only) must not be read: its native handle is gone
        return memory == null || !memory.cache().isOwningHandle() ? 0 : value.applyAsLong(memory);
    }
}
