package io.streamsuite.topologies.runtime;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The app's group on the brokers ({@code application.id}), whichever rebalance protocol it uses: a classic or
 * consumer group, or a streams group ({@code group.protocol=streams}, KIP-1071), which has its own admin calls.
 */
final class AppGroup {

    private final Admin admin;
    private final String groupId;
    private final boolean exists;
    private final boolean streamsProtocol;
    private final Duration timeout;

    private AppGroup(Admin admin, String groupId, boolean exists, boolean streamsProtocol, Duration timeout) {
        this.admin = admin;
        this.groupId = groupId;
        this.exists = exists;
        this.streamsProtocol = streamsProtocol;
        this.timeout = timeout;
    }

    /**
     * @param groups            every group on the cluster, from {@code Admin.listGroups}
     * @param streamsConfigured whether the app is configured with {@code group.protocol=streams}: the protocol of a
     *                          group that does not exist yet
     */
    static AppGroup of(Admin admin, String groupId, Collection<GroupListing> groups, boolean streamsConfigured, Duration timeout) {
        return groups.stream()
                .filter(group -> group.groupId().equals(groupId))
                .findFirst()
                .map(group -> new AppGroup(admin, groupId, true, group.type().orElse(GroupType.CLASSIC) == GroupType.STREAMS, timeout))
                .orElseGet(() -> new AppGroup(admin, groupId, false, streamsConfigured, timeout));
    }

    String id() {
        return groupId;
    }

    /**
     * Whether offsets can be committed for it. A classic group is created by the first commit, as Kafka's
     * {@code StreamsResetter} does; a streams group only by its first member, and until then there is nothing to reset.
     */
    boolean canCommit() {
        return exists || !streamsProtocol;
    }

    /** The group's members, each as {@code <client.id> on <host>}; empty when no instance is in the group. */
    List<String> members() {
        if (!exists) {
            return List.of();
        }
        if (streamsProtocol) {
            return await(admin.describeStreamsGroups(List.of(groupId)).describedGroups().get(groupId), "describe group " + groupId)
                    .members().stream().map(member -> member.clientId() + " on " + member.clientHost()).sorted().toList();
        }
        return await(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId), "describe group " + groupId)
                .members().stream().map(member -> member.clientId() + " on " + member.host()).sorted().toList();
    }

    /** The group's committed offsets; empty for a group that does not exist. */
    Map<TopicPartition, Long> committedOffsets() {
        if (!exists) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = streamsProtocol
                ? await(admin.listStreamsGroupOffsets(Map.of(groupId, new ListStreamsGroupOffsetsSpec()))
                .partitionsToOffsetAndMetadata(groupId), "list the offsets of group " + groupId)
                : await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "list the offsets of group " + groupId);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** Commits the offsets for the group, which must have no members. */
    void commit(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        String what = "reset the offsets of group " + groupId;
        if (streamsProtocol) {
            await(admin.alterStreamsGroupOffsets(groupId, commits).all(), what);
        } else {
            await(admin.alterConsumerGroupOffsets(groupId, commits).all(), what);
        }
    }

    /** Deletes the group's committed offsets of the partitions. */
    void deleteOffsets(Set<TopicPartition> partitions) {
        String what = "delete offsets of group " + groupId;
        if (streamsProtocol) {
            await(admin.deleteStreamsGroupOffsets(groupId, partitions).all(), what);
        } else {
            await(admin.deleteConsumerGroupOffsets(groupId, partitions).all(), what);
        }
    }

    /**
     * Waits for an admin call.
     *
     * @throws StartupException naming what failed, with Kafka's reason, or that Kafka did not answer in time
     */
    static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("Cannot reach Kafka to " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while trying to " + what, e);
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        return await(future, timeout, what);
    }
}
