package io.streamsuite.fraud.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records at a steady rate from a thread of its own, as live traffic arrives, so that the app is in the middle
 * of processing whenever a fault strikes. At least once, in order: {@code acks=all}, retries, one request in flight,
 * and not idempotent, because across a broker restart Kafka 4.3.1 and 4.4.0 brokers have stored an idempotent
 * producer's retried batch twice, and also refused its next batch as out of sequence for good, which left a test
 * waiting for records that never arrived. A retry may store a record twice; the tests judge the apps against the
 * input as stored ({@link ReceiptVerdict}).
 */
final class PacedProducer implements AutoCloseable {

    private final List<ProducerRecord<byte[], byte[]>> records;
    private final double perSecond;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    PacedProducer(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> records, Duration over) {
        this.records = List.copyOf(records);
        this.perSecond = records.size() / Math.max(0.001, over.toMillis() / 1000.0);
        this.producer = new KafkaProducer<>(Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                // rides out a broker that is down for a while
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "paced-producer");
        thread.setDaemon(true);
    }

    PacedProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        long startNanos = System.nanoTime();
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                long due = startNanos + (long) (sent.get() / perSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                producer.send(record, (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                sent.incrementAndGet();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int total() {
        return records.size();
    }

    boolean done() {
        return !thread.isAlive();
    }

    /** Waits until every record is acknowledged, and fails if any send failed. */
    void awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure.get() != null) {
            throw new IllegalStateException("Producing the traffic failed", failure.get());
        }
        if (thread.isAlive() || acknowledged.get() != records.size()) {
            throw new IllegalStateException("Produced " + acknowledged.get() + " of " + records.size() + " within " + timeout);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
