package io.streamsuite.topologies.rocksdb;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.TableFormatConfig;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of all RocksDB stores in the process by one budget.
 *
 * <p>Each store would otherwise get its own block cache and memtables, so memory grows with the
 * number of stores and partitions. Instead every store shares one {@link org.rocksdb.LRUCache}
 * and one {@link WriteBufferManager} whose memtable memory is charged to that cache, and index
 * and filter blocks live in the cache too, so the total stays close to the budget.
 *
 * <p>The budget is read from {@value #BUDGET_CONFIG} (bytes, a number or a decimal string) and
 * defaults to 256 MiB. The shared memory is created by the first store to open and lives as long
 * as the process; a later, different budget is ignored with a warning. The runner registers it as
 * {@code rocksdb.config.setter} and passes {@code rocksdb.memory.budget} in bytes.
 */
public class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Streams property holding the RocksDB memory budget of the whole process, in bytes. */
    public static final String BUDGET_CONFIG = "rocksdb.memory.budget";

    /** Budget used when {@value #BUDGET_CONFIG} is not set: 256 MiB. */
    public static final long DEFAULT_BUDGET_BYTES = 256L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMemoryRocksDBConfig.class);

    private static final Object LOCK = new Object();
    private static SharedRocksDBMemory shared; // guarded by LOCK
    private static final AtomicInteger SET_CONFIG_INVOCATIONS = new AtomicInteger();

    /** Streams instantiates the setter reflectively, once per store. */
    public BoundedMemoryRocksDBConfig() {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SET_CONFIG_INVOCATIONS.incrementAndGet();
        SharedRocksDBMemory memory = sharedMemory(budgetFrom(configs));

        BlockBasedTableConfig tableConfig = blockBasedTableConfig(storeName, options);
        tableConfig.setBlockCache(memory.cache());
        tableConfig.setCacheIndexAndFilterBlocks(true);
        tableConfig.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // the top level of partitioned indexes and filters is small and needed by every read
        tableConfig.setPinTopLevelIndexAndFilter(true);
        // the table config is a Java-side value: changes reach RocksDB only when it is set again
        options.setTableFormatConfig(tableConfig);
        options.setWriteBufferManager(memory.writeBufferManager());
    }

    /** Closes nothing: the cache and write buffer manager are shared with the other stores. */
    @Override
    public void close(String storeName, Options options) {
        // intentionally empty
    }

    /** Reads the budget from the Streams configs: absent means the default. */
    static long budgetFrom(Map<String, ?> configs) {
        Object value = configs.get(BUDGET_CONFIG);
        if (value == null) {
            return DEFAULT_BUDGET_BYTES;
        }
        long budget;
        if (value instanceof Number number) {
            budget = number.longValue();
        } else if (value instanceof String text) {
            try {
                budget = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(BUDGET_CONFIG, value, "must be a whole number of bytes");
            }
        } else {
            throw new ConfigException(BUDGET_CONFIG, value, "must be a number or a decimal string of bytes");
        }
        if (budget <= 0) {
            throw new ConfigException(BUDGET_CONFIG, value, "must be positive");
        }
        return budget;
    }

    /** The process-wide memory, created on first use; the first budget wins. */
    static SharedRocksDBMemory sharedMemory(long budgetBytes) {
        synchronized (LOCK) {
            if (shared == null) {
                shared = SharedRocksDBMemory.allocate(budgetBytes);
                LOG.info("RocksDB memory bounded to {} bytes for all stores ({} bytes of it for memtables)",
                        shared.budgetBytes(), shared.writeBufferBytes());
            } else if (shared.budgetBytes() != budgetBytes) {
                LOG.warn("Ignoring RocksDB memory budget of {} bytes: all stores already share a budget of {} bytes",
                        budgetBytes, shared.budgetBytes());
            }
            return shared;
        }
    }

    private static BlockBasedTableConfig blockBasedTableConfig(String storeName, Options options) {
        TableFormatConfig current = options.tableFormatConfig();
        if (current instanceof BlockBasedTableConfig blockBased) {
            // keep what Streams or an earlier setter chose (bloom filter, block size ...)
            return blockBased;
        }
        if (current != null) {
            LOG.warn("Store {} used table format {}; replacing it with a block-based table to bound its memory",
                    storeName, current.getClass().getSimpleName());
        }
        return new BlockBasedTableConfig();
    }

    /** The shared memory, or null before any store was configured. */
    static SharedRocksDBMemory currentSharedMemory() {
        synchronized (LOCK) {
            return shared;
        }
    }

    /** How often {@link #setConfig} ran in this process. */
    static int setConfigInvocations() {
        return SET_CONFIG_INVOCATIONS.get();
    }

    /**
     * Forgets and releases the shared memory so the next store allocates it afresh. For tests
     * only, and only while no store is open.
     */
    static void resetForTesting() {
        synchronized (LOCK) {
            if (shared != null) {
                shared.release();
                shared = null;
            }
        }
    }
}
