package io.streamsuite.dashboard;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the suite's topics ({@code read_committed}) into the {@link SuiteView} on its own thread. Each partition starts
 * at the history's beginning (the compacted device registry from its beginning), so a new page shows the last minutes
 * at once. Partitions are assigned, not subscribed through a group: a rebalance would move positions back to where a
 * partition started and count its records twice, and the feed needs no group on the broker. Every few seconds it lists
 * the topics, which both picks up partitions created since (the apps create their topics when they start) and tells
 * whether Kafka answers, so that the page can say its data is stale meanwhile; Kafka's client reconnects by itself
 * after a broker bounce.
 */
final class OutputFeed implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REACHABILITY_CHECK = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventSerdes serdes;
    private final Map<String, Consumer<ConsumerRecord<byte[], byte[]>>> handlers = new HashMap<>();
    private final Set<String> tables;
    private final SuiteView view;
    private final Duration history;
    private final Clock clock;
    private final Thread thread = new Thread(this, "dashboard-feed");
    private volatile boolean running = true;
    /** Whether the last record failed for a reason not about the record; read and written by the feed thread only. */
    private boolean registryTrouble;

    /**
     * @param kafkaConfig the Kafka client keys of the configuration ({@code bootstrap.servers}, security, ...)
     * @param topics      the configured name of each topic the dashboard reads, by its default name
     * @param serdes      the apps' serdes in the format they write
     */
    OutputFeed(Map<String, Object> kafkaConfig, Map<String, String> topics, EventSerdes serdes, SuiteView view,
               Duration history, Clock clock) {
        this.serdes = serdes;
        this.view = view;
        this.history = history;
        this.clock = clock;
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        // no group, nothing committed: every start reads the history again
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        handle(topics.get("fraud-alerts"), FraudAlert.class, view::add);
        handle(topics.get("clickstream-page-views"), PageViews.class, view::add);
        handle(topics.get("clickstream-top-pages"), TopPages.class, view::add);
        handle(topics.get("clickstream-sessions"), SessionSummary.class, view::add);
        handle(topics.get("clickstream-funnel"), FunnelCounts.class, view::add);
        handle(topics.get("clickstream-bot-alerts"), BotAlert.class, view::add);
        handle(topics.get("iot-alerts"), IotAlert.class, view::add);
        handle(topics.get("iot-readings"), Reading.class, view::add);
        String devices = topics.get("iot-devices");
        Deserializer<Device> deviceSerde = serdes.forEvent(Device.class).deserializer();
        handlers.put(devices, record -> view.add(new String(record.key(), StandardCharsets.UTF_8),
                record.value() == null ? null : deviceSerde.deserialize(devices, record.value())));
        this.tables = Set.of(devices);
    }

    private <T> void handle(String topic, Class<T> type, Consumer<T> add) {
        Deserializer<T> deserializer = serdes.forEvent(type).deserializer();
        handlers.put(topic, record -> {
            if (record.value() != null) {
                add.accept(deserializer.deserialize(topic, record.value()));
            }
        });
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long nextCheck = 0;
        try {
            while (running) {
                if (clock.millis() >= nextCheck) {
                    view.kafkaReachable(assignNewPartitions());
                    nextCheck = clock.millis() + REACHABILITY_CHECK.toMillis();
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis()); // none of the topics exists yet
                    continue;
                }
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        view.recordArrived(dispatch(record));
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // e.g. a topic deleted under us or refused to us: say so, keep the page, try again
                    LOG.warn("Reading the suite's topics failed, trying again: {}", e.toString());
                    view.kafkaReachable(false);
                    Thread.sleep(REACHABILITY_CHECK.toMillis());
                }
            }
        } catch (WakeupException | InterruptedException closing) {
            // close() asked us to stop
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Lists the topics and starts reading partitions not read yet; the ones already read keep their positions.
     *
     * @return whether Kafka answered
     */
    private boolean assignNewPartitions() {
        Map<String, List<PartitionInfo>> existing;
        try {
            existing = consumer.listTopics(Duration.ofSeconds(2));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            return false;
        }
        Set<TopicPartition> wanted = new HashSet<>();
        handlers.keySet().forEach(topic -> existing.getOrDefault(topic, List.of())
                .forEach(partition -> wanted.add(new TopicPartition(topic, partition.partition()))));
        Set<TopicPartition> added = new HashSet<>(wanted);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            Set<TopicPartition> before = new HashSet<>(consumer.assignment());
            consumer.assign(wanted);
            try {
                startAtHistory(added);
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                // Kafka went away between the listing and the seek: try these partitions again at the next check
                consumer.assign(before);
                return false;
            }
        }
        return true;
    }

    /** Whether the record was understood; one that is not is counted and skipped, never stops the feed. */
    private boolean dispatch(ConsumerRecord<byte[], byte[]> record) {
        try {
            handlers.get(record.topic()).accept(record);
            registryTrouble = false;
            return true;
        } catch (SerializationException e) {
            LOG.debug("Skipped an unreadable record of {}: {}", record.topic(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // not about the record (the schema registry unreachable, say): every record would say the same, once is enough
            if (!registryTrouble) {
                LOG.warn("Cannot read records of {}, skipping them until this passes: {}", record.topic(), e.getMessage());
                registryTrouble = true;
            }
            return false;
        }
    }

    /** Each new partition starts at the first record of the history, else at its end; a table from its beginning. */
    private void startAtHistory(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.millis() - history.toMillis();
        for (TopicPartition partition : partitions) {
            if (tables.contains(partition.topic())) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                since.put(partition, from);
            }
        }
        if (!since.isEmpty()) {
            consumer.offsetsForTimes(since, Duration.ofSeconds(10)).forEach((partition, offset) -> {
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            });
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
