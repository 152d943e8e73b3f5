package io.streamsuite.topologies.serde;

import io.streamsuite.topologies.serde.cloudevents.CloudEventsDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of one event type in the configured {@link SerdeFormat}, which also reads the event as a CloudEvent in
 * binary or structured mode (see {@link CloudEventsDeserializer}). It knows its event type and content type, which
 * the CloudEvents headers of an output topic name.
 */
public final class EventSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final SerdeFormat format;
    private final Serde<T> encoding;
    private final Serde<T> json;

    EventSerde(Class<T> type, SerdeFormat format, Serde<T> encoding, Serde<T> json) {
        this.type = type;
        this.format = format;
        this.encoding = encoding;
        this.json = json;
    }

    public Class<T> type() {
        return type;
    }

    public SerdeFormat format() {
        return format;
    }

    @Override
    public Serializer<T> serializer() {
        return encoding.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        return new CloudEventsDeserializer<>(encoding.deserializer(), json.deserializer());
    }
}
