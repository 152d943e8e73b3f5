package io.streamsuite.topologies.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an app's group is behind what was written to it: for every partition it has committed on, and for its
 * repartition topics ({@code <group>-...-repartition}), the records between its committed offset and the end
 * ({@code read_committed}). What a script or a test waits on before it judges an app's outputs.
 */
public final class GroupLag {

    private GroupLag() {
    }

    /**
     * @return the records not yet covered by the group's committed offsets; -1 while the group has committed nothing,
     *         since a group that has not started has not caught up either
     * @throws IllegalStateException when the cluster fails or does not answer within {@code timeout}
     */
    public static long recordsBehind(Admin admin, String group, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "listing the offsets of " + group, timeout);
        if (committed.isEmpty()) {
            return -1;
        }
        Set<String> topics = new HashSet<>();
        committed.keySet().forEach(partition -> topics.add(partition.topic()));
        get(admin.listTopics().names(), "listing topics", timeout).stream()
                .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition"))
                .forEach(topics::add);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames(), "describing topics", timeout).values().forEach(topic ->
                topic.partitions().forEach(partition ->
                        ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        long behind = 0;
        for (var end : get(admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
                "listing end offsets", timeout).entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            behind += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
        }
        return behind;
    }

    private static <T> T get(KafkaFuture<T> future, String what, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout + " " + what, e);
        }
    }
}
