package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.ClickEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an app's group has got on its input, in event time: the committed offset of each input partition, mapped to
 * the time of the last record before it. The records' places are known without reading them back: one producer sent
 * them in order, keyed by user, so partition and offset follow from the order and the key (checked by
 * {@link #storedAsSent}). Also which member ({@code group.instance.id}) holds which input partitions.
 */
final class InputProgress {

    private final Admin admin;
    private final String group;
    private final String topic;
    /** Per partition, the event time of the record at each offset. */
    private final List<List<Long>> times = new ArrayList<>();

    InputProgress(Admin admin, String group, String topic, int partitions, List<ClickEvent> sent) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        for (int p = 0; p < partitions; p++) {
            times.add(new ArrayList<>());
        }
        sent.forEach(event -> times.get(ClickHistory.partitionOf(event.userId(), partitions)).add(event.timestamp()));
    }

    /** Partition to committed offset (the next record to process); 0 where nothing is committed yet. */
    Map<Integer, Long> committed() {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (int p = 0; p < times.size(); p++) {
            offsets.put(p, 0L);
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            all.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    offsets.put(partition.partition(), offset.offset());
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the committed offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return offsets;
    }

    /** The event time a partition has been processed up to, at a committed offset; Long.MIN_VALUE before any. */
    long eventTime(int partition, long committedOffset) {
        return committedOffset == 0 ? Long.MIN_VALUE : times.get(partition).get((int) committedOffset - 1);
    }

    /** The lowest and highest event time processed over some partitions, from their committed offsets. */
    long[] eventTimes(Set<Integer> partitions, Map<Integer, Long> committed) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int partition : partitions) {
            long time = eventTime(partition, committed.get(partition));
            min = Math.min(min, time);
            max = Math.max(max, time);
        }
        return new long[] {min, max};
    }

    /**
     * The input partitions of one app instance: those of its stream threads, whose {@code group.instance.id} Kafka
     * Streams makes {@code <the instance's>-<thread number>}.
     */
    static Set<Integer> ownedBy(Map<String, Set<Integer>> owners, String groupInstanceId) {
        Set<Integer> own = new TreeSet<>();
        owners.forEach((member, partitions) -> {
            if (member.startsWith(groupInstanceId + "-")) {
                own.addAll(partitions);
            }
        });
        return own;
    }

    /** Each member's {@code group.instance.id} to its input partitions, as the group coordinator has them. */
    Map<String, Set<Integer>> owners() {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(10, TimeUnit.SECONDS);
            Map<String, Set<Integer>> owners = new TreeMap<>();
            for (MemberDescription member : description.members()) {
                Set<Integer> own = new TreeSet<>();
                member.assignment().topicPartitions().stream().filter(partition -> partition.topic().equals(topic))
                        .forEach(partition -> own.add(partition.partition()));
                owners.put(member.groupInstanceId().orElse(member.consumerId()), own);
            }
            return owners;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the input as read back holds each record at the partition and offset this class assumes. */
    boolean storedAsSent(List<ConsumerRecord<byte[], byte[]>> stored) {
        List<List<Long>> read = new ArrayList<>();
        times.forEach(partition -> read.add(new ArrayList<>()));
        stored.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(record -> read.get(record.partition()).add(record.timestamp()));
        return read.equals(times) && stored.stream().allMatch(record -> record.offset() < times.get(record.partition()).size());
    }
}
