package io.streamsuite.topologies.watermark;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Partials by their key, as Kafka's default partitioner places them; marks to every partition (KIP-837 multicast). */
public final class MarkPartitioner<K, V> implements StreamPartitioner<K, PartialOrMark<V>> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, PartialOrMark<V> value, int numPartitions) {
        if (value instanceof PartialOrMark.Mark<V>) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.empty();
    }

}
