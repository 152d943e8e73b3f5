package io.streamsuite.topologies.testing;

import io.streamsuite.topologies.runtime.GroupLag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka cluster (one combined broker + controller) for integration tests.
 *
 * <p>Wraps Kafka's own {@link KafkaClusterTestKit}, formatted with the latest <em>production</em>
 * metadata version and feature levels, on random free ports and in a private temporary directory
 * that is deleted on {@link #close()}. The helpers deal in {@code String} and {@code byte[]} only.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopic("in", 3);
 *     kafka.produce("in", List.of(KeyValue.pair("k", "v")));
 *     List<ConsumerRecord<byte[], byte[]>> out = kafka.consume("out", 1, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** How long admin operations and topic creation may take before the helper gives up. */
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Broker settings for a cluster of one. The internal topics default to replication factor 3
     * and a min ISR of 2, which one node can never satisfy: without the transaction settings a
     * transactional producer (and so every exactly_once_v2 application) waits forever.
     */
    private static final Map<String, String> SINGLE_NODE_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // a test's consumer group should not sit out the 3 s production grace period
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // nor a streams group (group.protocol=streams, KIP-1071); and a test may give a streams group the 6 s
            // session timeout a classic group may have (group.min.session.timeout.ms): the broker's floors are 45 s and 5 s
            Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
            Map.entry("group.streams.min.session.timeout.ms", "6000"),
            Map.entry("group.streams.min.heartbeat.interval.ms", "1000"),
            // the default 128 MiB dedupe buffer is allocated eagerly and only inflates test RSS
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            // the test kit turns unstable versions on; tests should see what production sees
            Map.entry("unstable.feature.versions.enable", "false"),
            Map.entry("unstable.api.versions.enable", "false"));

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    private final Admin admin;
    private final Duration startupTime;
    /** What every client of the helpers adds to the bootstrap servers: none for PLAINTEXT, the admin's identity else. */
    private final Map<String, Object> clientSecurity;
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path baseDirectory, Duration startupTime, Map<String, Object> clientSecurity) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
        this.startupTime = startupTime;
        this.clientSecurity = Map.copyOf(clientSecurity);
        this.admin = Admin.create(clientConfig());
    }

    /**
     * Formats and starts a fresh single-node cluster and returns once its broker is registered
     * and unfenced, so clients can connect immediately.
     *
     * @throws IllegalStateException if the cluster fails to start; nothing is left running
     */
    public static EmbeddedKafka start() {
        return start(ClusterSecurity.NONE);
    }

    /**
     * Like {@link #start()}, with the listeners, broker settings and admin identity of {@code security}; every helper
     * of the returned instance ({@link #admin()}, {@link #produce}, {@link #consume}, ...) connects as that admin.
     */
    public static EmbeddedKafka start(ClusterSecurity security) {
        long startNanos = System.nanoTime();
        Path baseDirectory = createTempDirectory();
        KafkaClusterTestKit cluster = null;
        boolean started = false;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrapMetadata())
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            SINGLE_NODE_CONFIG.forEach(builder::setConfigProp);
            security.brokerConfig().forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Duration startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, baseDirectory, startupTime, security.adminClientConfig());
            LOG.info("Embedded Kafka started at {} in {} ms", kafka.bootstrapServers(), startupTime.toMillis());
            started = true;
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Embedded Kafka failed to start", e);
        } finally {
            if (!started) {
                closeQuietly(cluster);
                deleteQuietly(baseDirectory);
            }
        }
    }

    /**
     * The bootstrap metadata a production cluster of this Kafka version is formatted with. The
     * test kit's default is the latest <em>testing</em> metadata version, which a real cluster
     * never runs and which would make the tests prove nothing about production.
     */
    static BootstrapMetadata productionBootstrapMetadata() {
        MetadataVersion metadataVersion = MetadataVersion.latestProduction();
        Map<String, Short> featureLevels = new HashMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            featureLevels.put(feature.featureName(), feature.defaultLevel(metadataVersion));
        }
        return BootstrapMetadata.fromVersions(metadataVersion, featureLevels, "embedded-kafka");
    }

    /** The broker settings a cluster of one needs, for {@link KafkaProcess} too. */
    static Map<String, String> singleNodeConfig() {
        return SINGLE_NODE_CONFIG;
    }

    /** The {@code host:port} list clients connect to. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The {@code host:port} of the broker's listener of that name, e.g. a second listener set up by {@link ClusterSecurity}. */
    public String bootstrapServers(String listenerName) {
        int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(listenerName));
        return "localhost:" + port;
    }

    /** How long {@link #start()} took, from formatting until the broker was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A new, mutable client configuration: the bootstrap servers, and the admin's security settings if any. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A new {@link Admin} client for this cluster; the caller owns it and must close it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configs, and waits until
     * every partition has a leader so that producers and consumers do not race the metadata.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        await(admin.createTopics(List.of(topic)).all(), "creating topic " + name);
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (!allPartitionsLed(name, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + name + " has no leader for every partition after " + ADMIN_TIMEOUT);
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** Sends string key/value pairs (either may be null) as UTF-8 and waits until all are acknowledged. */
    public void produce(String topic, List<KeyValue<String, String>> records) {
        List<ProducerRecord<byte[], byte[]>> converted = new ArrayList<>(records.size());
        for (KeyValue<String, String> record : records) {
            converted.add(new ProducerRecord<>(topic, utf8(record.key), utf8(record.value)));
        }
        send(converted);
    }

    /** Sends the records with a plain (non-transactional) producer and waits until all are acknowledged. */
    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        send(records);
    }

    /**
     * Reads a topic from the beginning with {@code isolation.level=read_committed}, so aborted and
     * still-open transactions are never returned, until at least {@code expectedCount} records
     * have arrived. The result can hold more than expected if they arrived in the same poll.
     *
     * @throws AssertionError if fewer records arrived within the timeout, stating how many did
     */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int expectedCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(clientConfig(), topic, deadline)) {
            while (received.size() < expectedCount && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        if (received.size() < expectedCount) {
            throw new AssertionError("Expected " + expectedCount + " committed records from topic " + topic
                    + " within " + timeout + " but got " + received.size());
        }
        return received;
    }

    /**
     * Everything committed in a topic right now: reads with {@code isolation.level=read_committed} from the beginning
     * up to each partition's last stable offset as it was when the call started.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
        return readAll(clientConfig(), topic, timeout);
    }

    /** {@link #readAll(String, Duration)} from any cluster, for {@link KafkaProcess} too. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> clientConfig, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(clientConfig, topic, deadline)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read topic " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        return received;
    }

    /**
     * Waits until a consumer group (an app's {@code application.id}) has committed a position at the end of every
     * partition of the topics it reads: everything produced before the call is processed. Those topics are the ones it
     * has committed on and, for a Streams app, its repartition topics ({@code <group>-...-repartition}), whose
     * partitions may not have a commit yet while their first records are under way.
     */
    public void awaitCaughtUp(String groupId, Duration timeout) {
        awaitCaughtUp(admin, groupId, timeout);
    }

    /** {@link #awaitCaughtUp(String, Duration)} on any cluster, for {@link KafkaProcess} too. */
    static void awaitCaughtUp(Admin admin, String groupId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (GroupLag.recordsBehind(admin, groupId, ADMIN_TIMEOUT) != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Group " + groupId + " did not catch up within " + timeout);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /**
     * A consumer assigned to every partition of the topic from the beginning, reading committed records only; assign
     * rather than subscribe: no group, no rebalance, nothing to wait for but data.
     */
    private static KafkaConsumer<byte[], byte[]> committedReader(Map<String, Object> clientConfig, String topic, long deadline) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a misspelt topic should fail the test, not quietly create an empty topic
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitionsOf(consumer, topic, deadline);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Stops the cluster and deletes its directory. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(5));
        closeQuietly(cluster);
        deleteQuietly(baseDirectory);
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            producer.flush();
            // surfaces a failed send as the test's failure rather than a silently missing record
            for (Future<RecordMetadata> ack : acks) {
                await(ack, "producing to " + records.get(0).topic());
            }
        }
    }

    private boolean allPartitionsLed(String topic, int partitions) {
        TopicDescription description;
        try {
            description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // created, but the metadata has not reached the broker yet
                return false;
            }
            throw new IllegalStateException("Failed describing topic " + topic, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Failed describing topic " + topic, e);
        }
        return description.partitions().size() == partitions
                && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            List<PartitionInfo> infos = Optional.ofNullable(consumer.partitionsFor(topic, Duration.ofSeconds(5)))
                    .orElse(List.of());
            if (!infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Topic " + topic + " does not exist");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + ADMIN_TIMEOUT + " " + what, e);
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a directory for embedded Kafka", e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Embedded Kafka did not shut down cleanly", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            // the test kit deletes it too, but only once it was built and only if its close succeeds
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }
}
