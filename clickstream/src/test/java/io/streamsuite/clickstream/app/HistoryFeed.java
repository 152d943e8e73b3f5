package io.streamsuite.clickstream.app;

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
 * Sends history to the input topic from a thread of its own, its event time running at a fixed multiple of the wall
 * clock (hours in seconds), so that the app is mid-stream whenever a kill strikes and an instance that is down falls
 * behind in event time at a known pace. The records after the history (a flush) follow at once. Idempotent and in
 * order: the broker runs throughout, so each record is stored once, at the offset its order gives.
 */
final class HistoryFeed implements AutoCloseable {

    private final List<ProducerRecord<byte[], byte[]>> history;
    private final List<ProducerRecord<byte[], byte[]>> after;
    private final double eventMillisPerNano;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread = new Thread(this::run, "history-feed");

    /**
     * @param history by timestamp, sent over {@code over}
     * @param after   sent as soon as the history is
     */
    HistoryFeed(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> history,
                List<ProducerRecord<byte[], byte[]>> after, Duration over) {
        this.history = List.copyOf(history);
        this.after = List.copyOf(after);
        long span = history.get(history.size() - 1).timestamp() - history.get(0).timestamp();
        this.eventMillisPerNano = span / (double) over.toNanos();
        this.producer = new KafkaProducer<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                new ByteArraySerializer(), new ByteArraySerializer());
        thread.setDaemon(true);
    }

    HistoryFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        long startNanos = System.nanoTime();
        long first = history.get(0).timestamp();
        try {
            for (ProducerRecord<byte[], byte[]> record : history) {
                long due = startNanos + (long) ((record.timestamp() - first) / eventMillisPerNano);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                send(record);
            }
            after.forEach(this::send);
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else {
                acknowledged.incrementAndGet();
            }
        });
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int total() {
        return history.size() + after.size();
    }

    /** Waits until every record is acknowledged; fails if a send failed. */
    void awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure.get() != null) {
            throw new IllegalStateException("Sending the history failed", failure.get());
        }
        if (thread.isAlive() || acknowledged() != total()) {
            throw new IllegalStateException("Sent " + acknowledged() + " of " + total() + " within " + timeout);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
