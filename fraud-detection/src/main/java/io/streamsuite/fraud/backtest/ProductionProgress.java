package io.streamsuite.fraud.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether production has processed the whole range: the comparison takes production's alerts as they are, and a
 * production lagging behind {@code --to} would show its missing alerts as "added".
 */
final class ProductionProgress {

    private ProductionProgress() {
    }

    /**
     * A warning naming the partitions where production's group has committed less than the range's end, or saying that
     * its progress could not be read; empty when it has processed the whole range.
     */
    static Optional<String> warning(Admin admin, String groupId, Map<TopicPartition, Long> rangeEnds, Duration timeout) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("Could not read the progress of production's group " + groupId + " (" + e + "): make sure it"
                    + " has processed the whole range, or its missing alerts show as added");
        }
        List<String> behind = new ArrayList<>();
        rangeEnds.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(TopicPartition::partition)))
                .forEach(end -> {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    long position = at == null ? 0 : at.offset();
                    if (position < end.getValue()) {
                        behind.add(end.getKey() + " at " + position + " of " + end.getValue());
                    }
                });
        return behind.isEmpty() ? Optional.empty() : Optional.of("Production's group " + groupId + " has not processed the"
                + " whole range yet (" + String.join(", ", behind) + "): the alerts it has still to raise show as added");
    }
}
