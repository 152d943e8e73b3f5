package io.streamsuite.bench.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group drain a preloaded topic from the outside, the same way for every variant: the group's
 * committed offsets against the topic's end offsets, sampled every {@value #POLL_MILLIS} ms together with the
 * process's CPU time.
 *
 * <p>Throughput is measured between the first commit seen and the commit that reaches the end: JVM start, topic
 * checks and the first rebalance are not part of it, and both ends are commits, so the records counted are exactly
 * those processed in between (to within one poll at each end). An app that repartitions has only done its work once
 * its repartition topics are drained too: the end is when the group has committed the end of its input and of every
 * one of its {@code <application.id>-...-repartition} topics.
 */
public final class DrainWatch {

    static final long POLL_MILLIS = 50;

    /** The figures of one drain. */
    public record Drain(long records, double seconds, double cpuSeconds, long peakRssBytes) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        public double cpuSecondsPerMillion() {
            return cpuSeconds / records * 1_000_000;
        }
    }

    private final Admin admin;
    private final Topics topics;

    public DrainWatch(Admin admin, Topics topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Blocks until {@code group} has committed {@code endOffsets} on every partition.
     *
     * @throws IllegalStateException if the process dies or the drain takes longer than {@code timeout}
     */
    public Drain await(String group, Map<TopicPartition, Long> endOffsets, JavaProcess process, Duration timeout)
            throws InterruptedException {
        long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstCommitted = -1;
        ProcessSample first = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " ended while draining; its log ends:\n"
                        + process.logTail());
            }
            long committed;
            try {
                committed = committed(group, endOffsets);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TimeoutException)) {
                    throw e;
                }
                // a broker slow to answer on a busy machine: this sample is lost, the next one counts
                Thread.sleep(POLL_MILLIS);
                continue;
            }
            ProcessSample sample = process.sample();
            if (committed > 0 && first == null) {
                firstCommitted = committed;
                first = sample;
            }
            if (committed >= total && repartitionDrained(group)) {
                if (committed == firstCommitted) {
                    throw new IllegalStateException(process.name() + " committed all " + total + " records at once:"
                            + " too few records to measure; raise --records");
                }
                return new Drain(committed - firstCommitted, (sample.nanos() - first.nanos()) / 1e9,
                        sample.cpuSeconds() - first.cpuSeconds(), sample.peakRssBytes());
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(process.name() + " did not drain " + total + " records within " + timeout
                + " (committed " + committed(group, endOffsets) + "); its log ends:\n" + process.logTail());
    }

    /** Whether the group has committed the end of each of its repartition topics; false when unknown. */
    private boolean repartitionDrained(String group) throws InterruptedException {
        try {
            long lag = 0;
            for (String topic : topics.names()) {
                if (topic.startsWith(group + "-") && topic.endsWith("-repartition")) {
                    Map<TopicPartition, Long> ends = topics.endOffsets(topic);
                    lag += Topics.total(ends) - committed(group, ends);
                }
            }
            return lag == 0;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof TimeoutException || e.getCause() instanceof ExecutionException) {
                return false;
            }
            throw e;
        }
    }

    /** The group's committed offsets summed over the partitions of {@code endOffsets}; 0 before its first commit. */
    long committed(String group, Map<TopicPartition, Long> endOffsets) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group,
                            new ListConsumerGroupOffsetsOptions().requireStable(false))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long sum = 0;
            for (TopicPartition partition : endOffsets.keySet()) {
                OffsetAndMetadata offset = offsets.get(partition);
                if (offset != null) {
                    sum += offset.offset();
                }
            }
            return sum;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the offsets of group " + group + ": " + e.getMessage(), e);
        }
    }
}
