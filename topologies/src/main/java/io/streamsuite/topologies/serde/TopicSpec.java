package io.streamsuite.topologies.serde;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic with the serdes of its key and value: the one place a topology and its tests learn how a topic
 * is encoded, so the two cannot drift apart.
 *
 * <p>{@code name} is the configured value as written. For a table or output topic that is always one topic name;
 * for an input it may also be a comma-separated list of names or a regular expression ({@link TopicNames}), so read
 * inputs with {@link #stream}, which handles all three, rather than passing {@code name()} to the builder.
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /**
     * The topics {@link #name()} stands for.
     *
     * @throws IllegalArgumentException if the name is none of a name, a list or a pattern (configured values have
     *                                  been checked at start and never are)
     */
    public TopicNames topics() {
        return TopicNames.parse(name);
    }

    /**
     * Reads this topic as one stream: one source processor, named as given, subscribed to the topic, to every topic
     * of a list, or to every existing and future topic matching a pattern. Records of several topics are merged,
     * ordered only within each partition.
     */
    public KStream<K, V> stream(StreamsBuilder builder, String processorName) {
        TopicNames topics = topics();
        Consumed<K, V> consumed = consumed(processorName);
        return topics.pattern().isPresent()
                ? builder.stream(topics.pattern().get(), consumed)
                : builder.stream(topics.names(), consumed);
    }

    /** How to read this topic, with the source processor named as given. */
    public Consumed<K, V> consumed(String processorName) {
        return Consumed.with(keySerde, valueSerde).withName(processorName);
    }

    /** How to write this topic, with the sink processor named as given. */
    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }
}
