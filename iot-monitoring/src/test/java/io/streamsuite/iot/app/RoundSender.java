package io.streamsuite.iot.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a fleet's report rounds as live devices do: the live rounds at a steady pace over the given time, then the
 * tail round once a second, for the wall-clock heartbeat, until closed or {@code maxTailRounds} are sent. Each round is
 * acknowledged ({@code acks=all}) before the next, and the wall-clock time it began to be sent is kept: no device
 * may go offline sooner than the heartbeat timeout after its last round was sent.
 */
final class RoundSender implements AutoCloseable {

    private static final Duration TAIL_EVERY = Duration.ofSeconds(1);

    private final List<List<ProducerRecord<byte[], byte[]>>> rounds;
    private final List<ProducerRecord<byte[], byte[]>> tail;
    private final int maxTailRounds;
    private final Duration period;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService scheduler;
    private final AtomicLongArray sentAt;
    private final AtomicInteger liveSent = new AtomicInteger();
    private final AtomicInteger tailSent = new AtomicInteger();
    private final AtomicInteger recordsSent = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RoundSender(Map<String, Object> clientConfig, List<List<ProducerRecord<byte[], byte[]>>> rounds,
                List<ProducerRecord<byte[], byte[]>> tail, Duration over, int maxTailRounds) {
        this.rounds = List.copyOf(rounds);
        this.tail = List.copyOf(tail);
        this.maxTailRounds = maxTailRounds;
        this.period = over.dividedBy(rounds.size());
        this.sentAt = new AtomicLongArray(rounds.size());
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "round-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        scheduler.scheduleAtFixedRate(this::sendLive, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendLive() {
        int round = liveSent.get();
        if (round >= rounds.size() || failure.get() != null) {
            return;
        }
        long sendingAt = System.currentTimeMillis();
        if (send(rounds.get(round))) {
            sentAt.set(round, sendingAt);
            if (liveSent.incrementAndGet() == rounds.size()) {
                scheduler.scheduleAtFixedRate(this::sendTail, 0, TAIL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void sendTail() {
        if (tailSent.get() < maxTailRounds && failure.get() == null && send(tail)) {
            tailSent.incrementAndGet();
        }
    }

    private boolean send(List<ProducerRecord<byte[], byte[]>> records) {
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            recordsSent.addAndGet(records.size());
            return failure.get() == null;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            return false;
        }
    }

    boolean liveDone() {
        return liveSent.get() == rounds.size();
    }

    int liveRoundsSent() {
        return liveSent.get();
    }

    int tailRoundsSent() {
        return tailSent.get();
    }

    /** Whether the tail ran out: from then on the devices that report to the end fall silent too. */
    boolean tailExhausted() {
        return tailSent.get() >= maxTailRounds;
    }

    int recordsSent() {
        return recordsSent.get();
    }

    /** Wall-clock time the live round began to be sent: no reading of it can be processed earlier. */
    long sentAt(int round) {
        return sentAt.get(round);
    }

    /** Fails the test if a send failed. */
    void check() {
        if (failure.get() != null) {
            throw new AssertionError("Sending the readings failed", failure.get());
        }
    }

    /** Stops sending; what was sent is acknowledged. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
