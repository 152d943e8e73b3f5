package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/** Turns a replay point into one offset per input partition, from the offsets Kafka lists for them. */
final class ReplayPoint {

    private ReplayPoint() {
    }

    /**
     * The offsets of the first records at or after a time. Kafka answers -1 (or nothing) for a partition with no record
     * that late: it starts at its end, replaying nothing. An offset below the earliest (records deleted meanwhile)
     * starts at the earliest.
     */
    static Map<TopicPartition, Long> atTime(Map<TopicPartition, Long> atTime, Map<TopicPartition, Long> earliest,
                                            Map<TopicPartition, Long> latest) {
        Map<TopicPartition, Long> offsets = new TreeMap<>(ReplayPoint::compare);
        latest.forEach((partition, end) -> {
            Long found = atTime.get(partition);
            offsets.put(partition, found == null || found < 0 ? end : Math.max(found, earliest.getOrDefault(partition, 0L)));
        });
        return offsets;
    }

    /**
     * The offsets of the file, which must list every input partition, no other, each between the partition's earliest
     * and latest offset: a replay that left a partition where it was, or started in deleted records, would not be the
     * replay the file describes.
     *
     * @throws InvalidConfigException saying what does not fit; nothing has changed yet
     */
    static Map<TopicPartition, Long> fromFile(ResetTarget.Offsets file, Map<TopicPartition, Long> earliest,
                                              Map<TopicPartition, Long> latest) {
        Set<TopicPartition> missing = new TreeSet<>(ReplayPoint::compare);
        missing.addAll(latest.keySet());
        missing.removeAll(file.offsets().keySet());
        Set<TopicPartition> foreign = new TreeSet<>(ReplayPoint::compare);
        foreign.addAll(file.offsets().keySet());
        foreign.removeAll(latest.keySet());
        String where = "--to-offset " + file.file();
        if (!foreign.isEmpty()) {
            throw new InvalidConfigException(where + " lists " + names(foreign) + ", not an input partition of the app (inputs: "
                    + names(latest.keySet()) + ")");
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigException(where + " has no offset for " + names(missing) + ": list every input partition");
        }
        Map<TopicPartition, Long> offsets = new TreeMap<>(ReplayPoint::compare);
        file.offsets().forEach((partition, offset) -> {
            long first = earliest.getOrDefault(partition, 0L);
            long end = latest.get(partition);
            if (offset < first || offset > end) {
                throw new InvalidConfigException(where + ": offset " + offset + " of " + partition + " is outside the records"
                        + " it holds, " + first + " to " + end);
            }
            offsets.put(partition, offset);
        });
        return offsets;
    }

    private static String names(Set<TopicPartition> partitions) {
        return partitions.stream().sorted(ReplayPoint::compare).map(TopicPartition::toString).collect(Collectors.joining(", "));
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
