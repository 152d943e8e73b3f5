package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.FutureEventTimeLimit;
import io.streamsuite.topologies.errors.ValidatingSerde;
import io.streamsuite.topologies.errors.Validator;
import io.streamsuite.topologies.serde.EventSerde;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.serde.TopicNames;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.serde.cloudevents.CloudEventsOutput;
import java.net.URI;
import java.time.Clock;
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
    private final EventSerdes eventSerdes;
    private final CloudEventsOutput cloudEvents;

    AppContext(AppConfig config, String appName, String applicationId, String deadLetterTopic, StreamsConfig streamsConfig,
               EventSerdes eventSerdes) {
        this.config = config;
        this.applicationId = applicationId;
        this.deadLetterTopic = deadLetterTopic;
        this.streamsConfig = streamsConfig;
        this.eventSerdes = eventSerdes;
        this.cloudEvents = new CloudEventsOutput(cloudEventSource(appName), eventSerdes.format().contentType());
    }

    /** {@code ce_source} of every output of an app: the app, by its name (not its application.id, which deployments vary). */
    public static URI cloudEventSource(String appName) {
        return URI.create("/streams-suite/" + appName);
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

    /**
     * A declared topic with its serdes; read an input with {@link TopicSpec#stream}. The serdes of an output topic write
     * CloudEvents binary-mode headers on every record (see {@link CloudEventsOutput}); {@code ce_type} is the event
     * type's when the value serde is an {@link #eventSerde}.
     */
    public <K, V> TopicSpec<K, V> topic(TopicDef topic, Serde<K> keySerde, Serde<V> valueSerde) {
        if (topic.input()) {
            return new TopicSpec<>(topicName(topic), keySerde, valueSerde);
        }
        String type = valueSerde instanceof EventSerde<?> events
                ? CloudEventsOutput.eventType(events.type())
                : "io.streamsuite." + topic.name() + ".v1";
        return new TopicSpec<>(topicName(topic), cloudEvents.keySerde(keySerde), cloudEvents.valueSerde(valueSerde, type));
    }

    /**
     * The serde for an event type of an input or output topic in the configured {@code serde.format}; it also reads
     * the event sent as a CloudEvent.
     */
    public <T> EventSerde<T> eventSerde(Class<T> type) {
        return eventSerdes.forEvent(type);
    }

    /**
     * The serde for an event type on the app's own internal topics (repartitions) and in its stores: JSON whatever
     * {@code serde.format} is, since nothing outside the app reads them, so they need no registry and no schema.
     */
    public <T> Serde<T> internalSerde(Class<T> type) {
        return JsonSerde.of(type);
    }

    /**
     * The serde for an input event type: records that fail the validator, or are stamped further ahead of this
     * instance's clock than {@code event.time.max-future}, go to the dead-letter topic.
     */
    public <T> Serde<T> inputSerde(Class<T> type, Validator<T> validator) {
        FutureEventTimeLimit futureLimit = new FutureEventTimeLimit(get(CommonSettings.EVENT_TIME_MAX_FUTURE), Clock.systemUTC());
        return new ValidatingSerde<>(eventSerde(type), validator, type.getSimpleName(), futureLimit);
    }
}
