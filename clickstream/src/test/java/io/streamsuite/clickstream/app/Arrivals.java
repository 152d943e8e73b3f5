package io.streamsuite.clickstream.app;

import io.streamsuite.topologies.serde.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An output topic watched as a {@code read_committed} consumer sees it, each record with the wall-clock time at which
 * a poll first returned it: when the app's result became visible.
 *
 * @param <T> the output's values
 */
final class Arrivals<T> implements AutoCloseable {

    /** A record and when it became visible, epoch milliseconds. */
    record Arrival<T>(T value, long at) {
    }

    private final TopicSpec<String, T> output;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Arrival<T>> seen = new ArrayList<>();

    Arrivals(Map<String, Object> clientConfig, TopicSpec<String, T> output) {
        this.output = output;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(output.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Takes what has become visible since the last call, waiting at most {@code wait} for it. */
    void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            seen.add(new Arrival<>(output.valueSerde().deserializer().deserialize(output.name(), record.headers(),
                    record.value()), System.currentTimeMillis()));
        }
    }

    List<Arrival<T>> matching(Predicate<T> which) {
        return seen.stream().filter(arrival -> which.test(arrival.value())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
