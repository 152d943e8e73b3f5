package io.streamsuite.topologies.rocksdb;

import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The block cache and write buffer manager that every RocksDB store of the process shares, sized
 * from one memory budget. Memtables are charged to the cache, so the cache capacity is the budget
 * for block cache and memtables together.
 */
final class SharedRocksDBMemory {

    /**
     * Share of the budget memtables may use before RocksDB flushes them. A quarter keeps most of
     * the budget for index, filter and data blocks, which serve every read, while leaving
     * memtables large enough that flushes do not produce a flood of tiny L0 files and the
     * compaction work that follows. The write buffer memory lives inside the cache, so the
     * fraction moves memory between the two uses rather than adding to the total.
     */
    static final double WRITE_BUFFER_FRACTION = 0.25;

    /**
     * Share of the cache reserved for index and filter blocks, which are consulted on every
     * lookup; without a reserve a large scan could evict them and make each read a disk read.
     */
    static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    /** Lets RocksDB choose the number of cache shards from the capacity. */
    private static final int DEFAULT_SHARD_BITS = -1;

    /**
     * A strict limit makes reads fail with an "Incomplete" status whenever the cache cannot make
     * room for a block they need; a soft limit lets usage overshoot briefly instead.
     */
    private static final boolean STRICT_CAPACITY_LIMIT = false;

    private final long budgetBytes;
    private final long writeBufferBytes;
    private final LRUCache cache;
    private final WriteBufferManager writeBufferManager;

    private SharedRocksDBMemory(long budgetBytes) {
        this.budgetBytes = budgetBytes;
        this.writeBufferBytes = (long) (budgetBytes * WRITE_BUFFER_FRACTION);
        this.cache = new LRUCache(budgetBytes, DEFAULT_SHARD_BITS, STRICT_CAPACITY_LIMIT, HIGH_PRIORITY_POOL_RATIO);
        this.writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
    }

    /** Allocates the native cache and write buffer manager for the given budget. */
    static SharedRocksDBMemory allocate(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("RocksDB memory budget must be positive, was " + budgetBytes);
        }
        return new SharedRocksDBMemory(budgetBytes);
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /** Capacity of the shared cache: the whole budget, since memtables are charged to it. */
    long cacheCapacityBytes() {
        return budgetBytes;
    }

    long writeBufferBytes() {
        return writeBufferBytes;
    }

    LRUCache cache() {
        return cache;
    }

    WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    /** Releases the native handles; only safe once no store uses them any more. */
    void release() {
        writeBufferManager.close();
        cache.close();
    }
}
