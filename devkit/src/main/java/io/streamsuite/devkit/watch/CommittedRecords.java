package io.streamsuite.devkit.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads committed records of some topics without a consumer group (nothing is left behind on the cluster), picking
 * up topics that appear after the start: the apps create their outputs when they start, which may be later.
 */
final class CommittedRecords implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Collection<String> topics;
    private final boolean fromBeginning;

    CommittedRecords(String bootstrapServers, Collection<String> topics, boolean fromBeginning) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.topics = List.copyOf(topics);
        this.fromBeginning = fromBeginning;
    }

    /** Assigns partitions of topics that exist now and were not assigned yet; new ones start at the beginning. */
    void refreshAssignment(boolean firstTime) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> assigned = new ArrayList<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo partition : existing.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, partition.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        if (firstTime && !fromBeginning) {
            consumer.seekToEnd(added);
        } else {
            // a topic that appeared while watching holds nothing older than the watch
            consumer.seekToBeginning(added);
        }
    }

    ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ConsumerRecords.empty();
        }
        return consumer.poll(timeout);
    }

    /** Whether everything committed when this was called has been read. */
    boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, consumer.position(partition));
        }
        return ends.entrySet().stream().allMatch(end -> positions.get(end.getKey()) >= end.getValue());
    }

    /** Stops a poll in progress, from another thread. */
    void wakeup() {
        consumer.wakeup();
    }

    /** How many records each topic holds in total (end offsets summed over partitions); 0 for a missing topic. */
    Map<String, Long> sizes(Collection<String> of) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (String topic : of) {
            existing.getOrDefault(topic, List.of())
                    .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        Map<String, Long> sizes = new HashMap<>();
        of.forEach(topic -> sizes.put(topic, 0L));
        try {
            // the admin client, not the consumer: a consumer asked about partitions it is not assigned warns each time
            admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, end) -> sizes.merge(tp.topic(), end.offset(), Long::sum));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list the end offsets of " + of + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sizes;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
