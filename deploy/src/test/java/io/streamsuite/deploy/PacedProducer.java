package io.streamsuite.deploy;

import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;

/**
 * Sends records in order, at most {@code perSecond}, as far as the test has released them: traffic that keeps
 * arriving while pods come and go. Each batch is acknowledged before the next ({@link EmbeddedKafka#produce}).
 */
final class PacedProducer implements AutoCloseable {

    private static final int BATCHES_PER_SECOND = 10;

    private final EmbeddedKafka kafka;
    private final String topic;
    private final List<KeyValue<String, String>> records;
    private final int batchSize;
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    PacedProducer(EmbeddedKafka kafka, String topic, List<KeyValue<String, String>> records, int perSecond) {
        this.kafka = kafka;
        this.topic = topic;
        this.records = records;
        this.batchSize = Math.max(1, perSecond / BATCHES_PER_SECOND);
        this.thread = new Thread(this::run, "paced-producer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the producer send the records up to (excluding) this index. */
    void release(int upTo) {
        released.accumulateAndGet(Math.min(upTo, records.size()), Math::max);
    }

    /** Waits until this many records are acknowledged. */
    void awaitSent(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.get() < count) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + sent.get() + " of " + count + " records sent within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private void run() {
        try {
            while (!closed) {
                int from = sent.get();
                int to = Math.min(released.get(), from + batchSize);
                if (to > from) {
                    kafka.produce(topic, records.subList(from, to));
                    sent.set(to);
                }
                Thread.sleep(1000 / BATCHES_PER_SECOND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5_000);
    }
}
