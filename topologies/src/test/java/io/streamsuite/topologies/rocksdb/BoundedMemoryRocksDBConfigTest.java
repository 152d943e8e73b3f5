package io.streamsuite.topologies.rocksdb;

import static io.streamsuite.topologies.rocksdb.BoundedMemoryRocksDBConfig.BUDGET_CONFIG;
import static io.streamsuite.topologies.rocksdb.BoundedMemoryRocksDBConfig.DEFAULT_BUDGET_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class BoundedMemoryRocksDBConfigTest {

    private static final long BUDGET = 64L * 1024 * 1024;

    private final BoundedMemoryRocksDBConfig setter = new BoundedMemoryRocksDBConfig();

    @BeforeAll
    static void loadRocksDB() {
        RocksDB.loadLibrary();
    }

    // the shared memory is process-wide: start every test from none so budgets are predictable
    @BeforeEach
    @AfterEach
    void forgetSharedMemory() {
        BoundedMemoryRocksDBConfig.resetForTesting();
    }

    @Test
    void allStoresShareOneCacheAndOneWriteBufferManager() {
        try (Options first = streamsLikeOptions(); Options second = streamsLikeOptions()) {
            setter.setConfig("store-a", first, Map.of(BUDGET_CONFIG, Long.toString(BUDGET)));
            setter.setConfig("store-b", second, Map.of(BUDGET_CONFIG, Long.toString(BUDGET)));

            SharedRocksDBMemory shared = BoundedMemoryRocksDBConfig.currentSharedMemory();
            assertThat(blockCacheOf(first)).isSameAs(shared.cache()).isSameAs(blockCacheOf(second));
            assertThat(first.writeBufferManager()).isSameAs(shared.writeBufferManager())
                    .isSameAs(second.writeBufferManager());
            BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
        }
    }

    @Test
    void cacheHoldsTheWholeBudgetAndMemtablesAQuarterOfIt() {
        try (Options options = streamsLikeOptions()) {
            setter.setConfig("store", options, Map.of(BUDGET_CONFIG, BUDGET));

            SharedRocksDBMemory shared = BoundedMemoryRocksDBConfig.currentSharedMemory();
            assertThat(shared.budgetBytes()).isEqualTo(BUDGET);
            assertThat(shared.cacheCapacityBytes()).isEqualTo(BUDGET);
            assertThat(shared.writeBufferBytes()).isEqualTo(BUDGET / 4);
        }
    }

    @Test
    void laterDifferentBudgetKeepsTheFirst() {
        try (Options first = streamsLikeOptions(); Options second = streamsLikeOptions()) {
            setter.setConfig("store-a", first, Map.of(BUDGET_CONFIG, BUDGET));
            setter.setConfig("store-b", second, Map.of(BUDGET_CONFIG, 2 * BUDGET));

            assertThat(BoundedMemoryRocksDBConfig.currentSharedMemory().budgetBytes()).isEqualTo(BUDGET);
            assertThat(blockCacheOf(second)).isSameAs(blockCacheOf(first));
        }
    }

    @Test
    void budgetIsParsedFromStringsAndNumbers() {
        assertThat(BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, "268435456"))).isEqualTo(268_435_456L);
        assertThat(BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, " 1048576 "))).isEqualTo(1_048_576L);
        assertThat(BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, 5_000_000_000L))).isEqualTo(5_000_000_000L);
        assertThat(BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, 1_048_576))).isEqualTo(1_048_576L);
        assertThat(BoundedMemoryRocksDBConfig.budgetFrom(Map.of())).isEqualTo(DEFAULT_BUDGET_BYTES).isEqualTo(268_435_456L);
    }

    @Test
    void unusableBudgetsAreRejected() {
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, "256MB")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(BUDGET_CONFIG);
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, 0)))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, "-1")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budgetFrom(Map.of(BUDGET_CONFIG, true)))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void closingOneStoreLeavesTheSharedMemoryUsableForAnother(@TempDir Path dir) throws RocksDBException {
        Options first = streamsLikeOptions();
        setter.setConfig("store-a", first, Map.of(BUDGET_CONFIG, BUDGET));
        setter.close("store-a", first);
        first.close();

        SharedRocksDBMemory shared = BoundedMemoryRocksDBConfig.currentSharedMemory();
        assertThat(shared.cache().isOwningHandle()).isTrue();
        assertThat(shared.writeBufferManager().isOwningHandle()).isTrue();

        // plain Options carry no table config at all, unlike the ones Streams hands over
        try (Options third = new Options().setCreateIfMissing(true)) {
            setter.setConfig("store-c", third, Map.of(BUDGET_CONFIG, BUDGET));
            try (RocksDB db = RocksDB.open(third, dir.toString())) {
                db.put(bytes("key"), bytes("value"));
                assertThat(db.get(bytes("key"))).isEqualTo(bytes("value"));
            }
            assertThat(third.writeBufferManager()).isSameAs(shared.writeBufferManager());
            assertThat(third.tableFormatConfig()).isInstanceOf(BlockBasedTableConfig.class);
        }
    }

    @Test
    void storesOpenedByKafkaStreamsUseTheSharedMemory(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.<String, Long>as(Stores.persistentTimestampedKeyValueStore("word-counts"))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()));
        Properties props = withRequiredStreamsProps(new Properties());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class.getName());
        props.put(BUDGET_CONFIG, Long.toString(BUDGET));
        int invocationsBefore = BoundedMemoryRocksDBConfig.setConfigInvocations();

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> words =
                    driver.createInputTopic("words", new StringSerializer(), new StringSerializer());
            words.pipeInput("kafka", "x");
            words.pipeInput("streams", "y");
            words.pipeInput("kafka", "z");

            KeyValueStore<String, ValueAndTimestamp<Long>> counts = driver.getTimestampedKeyValueStore("word-counts");
            assertThat(counts.get("kafka").value()).isEqualTo(2L);
            assertThat(counts.get("streams").value()).isEqualTo(1L);
            assertThat(BoundedMemoryRocksDBConfig.setConfigInvocations()).isGreaterThan(invocationsBefore);
            SharedRocksDBMemory shared = BoundedMemoryRocksDBConfig.currentSharedMemory();
            assertThat(shared.budgetBytes()).isEqualTo(BUDGET);
            // memtables are charged to the shared cache, so an open store with writes shows up in it
            assertThat(shared.cache().getUsage()).isPositive();
        }
        assertThat(BoundedMemoryRocksDBConfig.currentSharedMemory().cache().isOwningHandle()).isTrue();
    }

    /** Streams hands setters options whose table config exposes its cache; the test reads it back the same way. */
    private static Options streamsLikeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        return options;
    }

    private static Cache blockCacheOf(Options options) {
        return ((BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig()).blockCache();
    }

    private static Properties withRequiredStreamsProps(Properties props) {
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-memory-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
