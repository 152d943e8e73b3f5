package io.streamsuite.fraud.backtest;

import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything a backtest makes in Kafka and on disk, and its removal: the topics it creates (all named
 * {@code <backtest application.id>-...}), those Kafka Streams creates for it, its consumer group and its local state.
 * Production's topics are only ever read.
 */
final class BacktestWorkspace implements AutoCloseable {

    /** Clients without a group: a consumer of committed records and a producer. */
    record Clients(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) implements AutoCloseable {
        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private final ConfiguredApp production;
    private final BacktestNames names;
    private final boolean keepOutput;
    private final PrintStream log;
    private final Duration timeout;
    private final Path stateDir;
    private Admin admin;
    /** Set once the names were found free: only then is what carries them the backtest's own, to remove. */
    private boolean claimed;

    BacktestWorkspace(ConfiguredApp production, BacktestNames names, boolean keepOutput, PrintStream log) {
        this.production = production;
        this.names = names;
        this.keepOutput = keepOutput;
        this.log = log;
        this.timeout = production.config().get(CommonSettings.TOPICS_TIMEOUT);
        this.stateDir = Path.of(production.streamsConfig().getString(StreamsConfig.STATE_DIR_CONFIG), names.applicationId());
    }

    Admin admin() {
        if (admin == null) {
            admin = Admin.create(clientConfig("admin"));
        }
        return admin;
    }

    /**
     * Creates the backtest's topics. The input copy has the input's partitions, so that each card stays in one partition
     * in its order; the side topic has the alerts topic's. Neither expires by time: the copied records keep their old
     * timestamps, which a retention of days would delete as soon as they are written.
     *
     * @throws IllegalStateException when the input or the alerts topic does not exist, or a topic already carries the
     *                               backtest's names (then nothing is removed at the end either)
     */
    void create(String input, String alerts) {
        List<String> taken = await(admin().listTopics().names(), "list topics").stream().filter(names::owns).sorted().toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Topics " + taken + " exist already: another backtest of the same name runs");
        }
        claimed = true;
        Map<String, TopicDescription> existing = await(admin().describeTopics(List.of(input, alerts)).allTopicNames(),
                "describe " + input + " and " + alerts);
        Map<String, String> kept = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        Optional<Short> replication = production.config().get(CommonSettings.TOPICS_REPLICATION_FACTOR) < 0
                ? Optional.empty()
                : Optional.of(production.config().get(CommonSettings.TOPICS_REPLICATION_FACTOR).shortValue());
        List<NewTopic> topics = List.of(
                new NewTopic(names.input(), Optional.of(existing.get(input).partitions().size()), replication).configs(kept),
                new NewTopic(names.alerts(), Optional.of(existing.get(alerts).partitions().size()), replication).configs(kept),
                new NewTopic(names.rules(), Optional.of(1), replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(names.deadLetters(), Optional.of(1), replication));
        await(admin().createTopics(topics).all(), "create the backtest's topics");
    }

    Clients clients() {
        Map<String, Object> consumer = clientConfig("reader");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Map<String, Object> producer = clientConfig("copier");
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new Clients(new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** Removes what the backtest made, reporting each step; a step that fails is reported and the others still run. */
    @Override
    public void close() {
        try {
            if (!claimed) {
                return;
            }
            deleteTopics();
            deleteGroup();
            deleteState();
        } finally {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
        }
    }

    private void deleteTopics() {
        try {
            List<String> owned = await(admin().listTopics().names(), "list topics").stream()
                    .filter(names::owns)
                    .filter(topic -> !(keepOutput && topic.equals(names.alerts())))
                    .sorted()
                    .toList();
            if (!owned.isEmpty()) {
                await(admin().deleteTopics(owned).all(), "delete the backtest's topics");
            }
            log.println("Deleted topics " + owned + (keepOutput ? "; kept " + names.alerts() + " (--keep-output)" : ""));
        } catch (IllegalStateException e) {
            log.println("Could not delete the topics of " + names.applicationId() + "-*: " + e.getMessage());
        }
    }

    private void deleteGroup() {
        try {
            await(admin().deleteConsumerGroups(List.of(names.applicationId())).all(), "delete group " + names.applicationId());
            log.println("Deleted group " + names.applicationId());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                log.println("Could not delete group " + names.applicationId() + ": " + e.getMessage());
            }
        }
    }

    private void deleteState() {
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
            log.println("Deleted local state " + stateDir);
        } catch (IOException | UncheckedIOException e) {
            log.println("Could not delete local state " + stateDir + ": " + e.getMessage());
        }
    }

    private Map<String, Object> clientConfig(String role) {
        return new HashMap<>(production.streamsConfig().getAdminConfigs(names.applicationId() + "-" + role));
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot " + what + " within " + timeout + " (topics.timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }
}
