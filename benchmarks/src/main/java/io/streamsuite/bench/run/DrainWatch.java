package io.streamsuite.bench.run;

import io.streamsuite.bench.stats.DrainSample;
import io.streamsuite.bench.stats.SteadyWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group drain a preloaded topic from the outside, the same way for every variant: the group's
 * committed offsets against the topic's end offsets, sampled every {@value #POLL_MILLIS} ms together with the CPU
 * time of the measured process and of the broker.
 *
 * <p>Throughput and CPU are counted in steady state only ({@link SteadyWindow}): from the look at which the group had
 * committed {@code startShare} of the input to the commit of its end. An app that repartitions has only done its
 * work once its repartition topics are drained too: the end is when the group has committed the end of its input and
 * of every one of its {@code <application.id>-...-repartition} topics.
 */
public final class DrainWatch {

    static final long POLL_MILLIS = 50;

    /**
     * The figures of one drain.
     *
     * @param window       the steady part, where throughput and CPU per record are read
     * @param peakRssBytes the measured process's VmHWM at the end
     */
    public record Drain(SteadyWindow window, long peakRssBytes) {
    }

    private final Admin admin;
    private final Topics topics;
    private final Supplier<Double> brokerCpuSeconds;
    private final double startShare;

    /**
     * @param brokerCpuSeconds the broker's CPU time so far (0 when the broker is not a process of this run)
     * @param startShare       the share of the input committed when the steady window starts
     */
    public DrainWatch(Admin admin, Topics topics, Supplier<Double> brokerCpuSeconds, double startShare) {
        this.admin = admin;
        this.topics = topics;
        this.brokerCpuSeconds = brokerCpuSeconds;
        this.startShare = startShare;
    }

    public Drain await(String group, Map<TopicPartition, Long> endOffsets, JavaProcess process, Duration timeout)
            throws InterruptedException {
        return await(group, endOffsets, process, timeout, () -> { });
    }

    /**
     * Blocks until {@code group} has committed {@code endOffsets} on every partition.
     *
     * @param onSteady run once, when the steady window starts (to start a profiler, say)
     * @throws IllegalStateException if the process dies or the drain takes longer than {@code timeout}
     */
    public Drain await(String group, Map<TopicPartition, Long> endOffsets, JavaProcess process, Duration timeout,
                       Runnable onSteady) throws InterruptedException {
        long total = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long threshold = (long) Math.ceil(startShare * total);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DrainSample> samples = new ArrayList<>();
        boolean steady = false;
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
            samples.add(new DrainSample(sample.nanos(), committed, sample.cpuSeconds(), brokerCpuSeconds.get()));
            if (!steady && committed >= threshold && committed > 0) {
                steady = true;
                onSteady.run();
            }
            if (committed >= total && repartitionDrained(group)) {
                return new Drain(SteadyWindow.of(samples, total, startShare), sample.peakRssBytes());
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(process.name() + " did not drain " + total + " records within " + timeout
                + " (committed " + committed(group, endOffsets) + "); its log ends:\n" + process.logTail());
    }

    /** The records not yet committed by {@code group}: of {@code input} and of the group's repartition topics. */
    public long lag(String group, String input) throws InterruptedException {
        long lag = 0;
        for (String topic : topics.names()) {
            if (topic.equals(input) || topic.startsWith(group + "-") && topic.endsWith("-repartition")) {
                Map<TopicPartition, Long> ends = topics.endOffsets(topic);
                lag += Topics.total(ends) - committed(group, ends);
            }
        }
        return lag;
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
