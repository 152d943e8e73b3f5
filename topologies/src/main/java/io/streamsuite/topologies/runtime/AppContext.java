package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.ValidatingSerde;
import io.streamsuite.topologies.errors.Validator;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.serde.TopicNames;
import io.streamsuite.topologies.serde.TopicSpec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;

/** What a topology is built from: validated settings, resolved topic names and the configured event encoding. */
public final class AppContext {

    private final AppConfig config;
    private final String applicationId;
    private final String deadLetterTopic;
    private final StreamsConfig streamsConfig;

    AppContext(AppConfig config, String applicationId, String deadLetterTopic, StreamsConfig streamsConfig) {
        this.config = config;
        this.applicationId = applicationId;
        this.deadLetterTopic = deadLetterTopic;
        this.streamsConfig = streamsConfig;
    }

    /**
     * A builder that knows the app's Streams configuration. Use it rather than {@code new StreamsBuilder()}: only then
     * does Streams enforce explicit names for stores and internal topics while the topology is built.
     */
    public StreamsBuilder streamsBuilder() {
        return new StreamsBuilder(new TopologyConfig(streamsConfig));
    }

    /** The value of a setting the app declared (or a {@link CommonSettings} one). */
    public <T> T get(Setting<T> setting) {
        return config.get(setting);
    }

    public String applicationId() {
        return applicationId;
    }

    /** Where undecodable and invalid records go: {@code <application.id>-dlq} unless Kafka's own key names another. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /**
     * The configured value of a declared topic's {@code topic.<name>}, as written: for a table or output always one
     * topic name; for an input possibly a list or a pattern, which {@link #topicNames} interprets.
     */
    public String topicName(TopicDef topic) {
        return config.get(topic.nameSetting());
    }

    /** The topics a declared topic stands for: one name, several (inputs only) or a pattern (inputs only). */
    public TopicNames topicNames(TopicDef topic) {
        return TopicNames.parse(topicName(topic));
    }

    /** A declared topic with its serdes; read an input with {@link TopicSpec#stream}. */
    public <K, V> TopicSpec<K, V> topic(TopicDef topic, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TopicSpec<>(topicName(topic), keySerde, valueSerde);
    }

    /** The serde for an event type in the configured {@code serde.format}. */
    public <T> Serde<T> eventSerde(Class<T> type) {
        return JsonSerde.of(type);
    }

    /** The serde for an input event type: records that fail the validator go to the dead-letter topic. */
    public <T> Serde<T> inputSerde(Class<T> type, Validator<T> validator) {
        return new ValidatingSerde<>(eventSerde(type), validator, type.getSimpleName());
    }
}
