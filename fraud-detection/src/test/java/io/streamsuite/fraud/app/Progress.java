package io.streamsuite.fraud.app;

import io.streamsuite.topologies.testing.AppFleet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a long fault test prints while it runs, every few seconds and at each event: time since its start, records sent,
 * how far the app's group has committed on its input, kills and restarts. Reads offsets with an admin client of its
 * own, which rides out a broker restart like any client.
 */
final class Progress implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final String label;
    private final long startNanos;
    private final PacedProducer producer;
    private final AppFleet fleet;
    private final String groupId;
    private final String input;
    private final Admin admin;
    private long lastStatusNanos;

    Progress(String label, long startNanos, PacedProducer producer, AppFleet fleet, String bootstrapServers,
             String groupId, String input) {
        this.label = label;
        this.startNanos = startNanos;
        this.producer = producer;
        this.fleet = fleet;
        this.groupId = groupId;
        this.input = input;
        this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** Prints one line, prefixed with the test's label and the time since its start. */
    void log(String format, Object... args) {
        System.out.printf("[%s %6.1f s] %s%n", label, (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
        System.out.flush();
    }

    /** Sleeps, printing the status every few seconds meanwhile. */
    void pause(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (true) {
            statusIfDue();
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
        }
    }

    /** Polls the condition every half second, printing the status meanwhile; fails after the timeout. */
    void awaitUntil(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not " + what + " within " + timeout + ": " + status());
            }
            pause(Duration.ofMillis(500));
        }
        log("%s: %s", what, status());
    }

    /**
     * Records on the input not yet committed as processed by the group; -1 when Kafka cannot say right now (the broker
     * is down, or the group has not formed yet).
     */
    long lag() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(input)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(input).partitions().stream().map(info -> new TopicPartition(input, info.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                lag += end.getValue().offset() - (position == null ? 0 : position.offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void statusIfDue() {
        if (System.nanoTime() - lastStatusNanos >= EVERY.toNanos()) {
            lastStatusNanos = System.nanoTime();
            log("%s", status());
        }
    }

    private String status() {
        long lag = lag();
        return String.format("sent %d of %d, not yet processed %s, kills %d, restarts %d", producer.acknowledged(),
                producer.total(), lag < 0 ? "unknown" : Long.toString(lag), fleet.kills(), fleet.restarts());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
