package io.streamsuite.bench.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads an output topic with {@code read_committed}, as a downstream consumer of an exactly-once app would, and
 * records for each marker record (key starting with the marker prefix) stamped inside the counted span the time from its timestamp (the intended send time of the input that caused it, which
 * Streams carries over to the output) to the moment it is read, in milliseconds, in an HdrHistogram.
 *
 * <p>The load generator stamps the time each record was due, not the time it was sent: a generator that falls behind
 * does not hide the delay (no coordinated omission).
 */
public final class LatencyProbe implements Runnable {

    private final Histogram histogram = new Histogram(3_600_000L, 3);
    private final String bootstrapServers;
    private final String topic;
    private final String keyPrefix;
    private volatile long countFrom = Long.MAX_VALUE;
    private volatile long countUntil = Long.MAX_VALUE;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile Exception failure;

    /**
     * @param keyPrefix only records whose key starts with it count (the markers, sent at a fixed rate whatever the load)
     */
    public LatencyProbe(String bootstrapServers, String topic, String keyPrefix) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.keyPrefix = keyPrefix;
    }

    /** Counts records stamped from {@code from} (epoch ms; the pre-warm ends then) to {@code until}. */
    public void countBetween(long from, long until) {
        this.countFrom = from;
        this.countUntil = until;
    }

    @Override
    public void run() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // fetch as soon as anything is there: the probe must not add its own batching delay
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    lastRecordNanos = System.nanoTime();
                    boolean marker = record.key() != null
                            && new String(record.key(), java.nio.charset.StandardCharsets.UTF_8).startsWith(keyPrefix);
                    if (marker && record.timestamp() >= countFrom && record.timestamp() <= countUntil) {
                        histogram.recordValue(Math.max(0, now - record.timestamp()));
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Nanos (System.nanoTime) of the last record read. */
    public long lastRecordNanos() {
        return lastRecordNanos;
    }

    public void stop() {
        stop.set(true);
    }

    /** The latencies recorded; read after the thread has ended. */
    public Histogram histogram() {
        if (failure != null) {
            throw new IllegalStateException("The latency probe on " + topic + " failed: " + failure.getMessage(),
                    failure);
        }
        return histogram;
    }
}
