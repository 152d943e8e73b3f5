package io.streamsuite.fraud.backtest;

import io.streamsuite.fraud.FraudAlert;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the alerts of given transactions from an alerts topic, as a consumer with {@code isolation.level=read_committed}
 * sees them now: from the first alert stamped at or after a time to the end. An alert's record timestamp is its
 * transaction's event time (the app's timestamp extractor), so starting at the earliest event time of the compared
 * transactions misses none of their alerts.
 */
final class AlertTopicReader {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<FraudAlert> alerts;

    /** @param consumer a consumer without a group, reading committed records only */
    AlertTopicReader(KafkaConsumer<byte[], byte[]> consumer, Deserializer<FraudAlert> alerts) {
        this.consumer = consumer;
        this.alerts = alerts;
    }

    /** The rules each of the {@code wanted} transactions was flagged with; a transaction without an alert is absent. */
    Map<String, Set<String>> read(String topic, long since, Set<String> wanted) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        consumer.assign(partitions);
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            long offset = start == null ? ends.get(partition) : start.offset();
            consumer.seek(partition, offset);
            if (offset < ends.get(partition)) {
                open.add(partition);
            }
        }
        Map<String, Set<String>> rulesByTransaction = new HashMap<>();
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    continue;
                }
                FraudAlert alert = alerts.deserialize(record.topic(), record.headers(), record.value());
                if (wanted.contains(alert.transactionId())) {
                    // a replay after a reset writes an alert again: keep every rule either copy names
                    rulesByTransaction.computeIfAbsent(alert.transactionId(), id -> new HashSet<>()).addAll(alert.rules());
                }
            }
            open.removeIf(partition -> consumer.position(partition) >= ends.get(partition));
        }
        consumer.unsubscribe();
        return rulesByTransaction;
    }
}
