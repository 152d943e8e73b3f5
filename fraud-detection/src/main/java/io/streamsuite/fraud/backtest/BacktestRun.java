package io.streamsuite.fraud.backtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Runs the backtest's Kafka Streams client over its (finite) input until everything is processed: the group has
 * committed the end of every partition of the input copy and of its repartition topic. Under at-least-once, which the
 * backtest runs with, no transaction marker sits after the last record, so "committed the end" is exact.
 */
final class BacktestRun {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /**
     * A run that commits nothing new for this long is stuck (a broker gone, a group that never forms): the input is
     * finite, so waiting longer would only hide the failure.
     */
    private static final Duration STALLED_AFTER = Duration.ofMinutes(5);

    private final Admin admin;
    private final BacktestNames names;
    private final Duration timeout;
    private final PrintStream progress;

    BacktestRun(Admin admin, BacktestNames names, Duration timeout, PrintStream progress) {
        this.admin = admin;
        this.names = names;
        this.timeout = timeout;
        this.progress = progress;
    }

    /**
     * Processes the whole input copy, then closes the client leaving its group (so that the group can be deleted at
     * once) and wipes its local state.
     *
     * @param total the records of the input copy, for the progress lines
     * @throws IllegalStateException when the client fails
     */
    void run(Topology topology, Properties props, long total) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(error -> {
            failure.compareAndSet(null, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            streams.start();
            long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            long lastCommitted = -1;
            long stalledAt = System.nanoTime() + STALLED_AFTER.toNanos();
            while (true) {
                if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR) {
                    Throwable error = failure.get();
                    throw new IllegalStateException("The backtest's Kafka Streams client failed: "
                            + (error == null ? "client in ERROR" : error.toString()), error);
                }
                Progress now = progress();
                if (now.done()) {
                    progress.printf("Processed %d of %d record(s)%n", now.processed(), total);
                    return;
                }
                if (now.committed() != lastCommitted) {
                    lastCommitted = now.committed();
                    stalledAt = System.nanoTime() + STALLED_AFTER.toNanos();
                } else if (System.nanoTime() > stalledAt) {
                    throw new IllegalStateException("The backtest committed nothing new for " + STALLED_AFTER + " after "
                            + now.processed() + " of " + total + " record(s)");
                }
                if (System.nanoTime() > nextProgress) {
                    progress.printf("Processed %d of %d record(s)%n", now.processed(), total);
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
                sleep();
            }
        } finally {
            // leave the group now: a member that stays until its session times out would keep the group from deletion
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(timeout));
            streams.cleanUp();
        }
    }

    /**
     * @param processed the committed records of the input copy
     * @param committed the sum of the committed offsets, repartition topic included: whether anything moved
     */
    private record Progress(long processed, long committed, boolean done) {
    }

    private Progress progress() {
        Map<TopicPartition, OffsetAndMetadata> committed = await(
                admin.listConsumerGroupOffsets(names.applicationId()).partitionsToOffsetAndMetadata());
        Set<String> topics = await(admin.listTopics().names()).stream()
                .filter(topic -> topic.equals(names.input()) || names.owns(topic) && topic.endsWith("-repartition"))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        await(admin.describeTopics(topics).allTopicNames()).values().forEach(description -> description.partitions()
                .forEach(partition -> latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        long processed = 0;
        long sum = 0;
        boolean done = true;
        for (var end : await(admin.listOffsets(latest).all()).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long position = at == null ? 0 : at.offset();
            if (end.getKey().topic().equals(names.input())) {
                processed += position;
            }
            sum += position;
            done &= position >= end.getValue().offset();
        }
        return new Progress(processed, sum, done);
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a request of the backtest: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer the backtest within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the backtest ran", e);
        }
    }
}
