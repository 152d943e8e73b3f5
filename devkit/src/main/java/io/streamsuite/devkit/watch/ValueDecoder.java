package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.SerdeFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A record value of the suite's topics as the JSON the apps write with {@code serde.format=json}, whatever the format
 * it was written in: in an Avro format the value is read by the apps' own serde of the topic's event type (resolving
 * the writer's schema from the registry), then written as JSON by the apps' JSON mapper. So what reads the JSON needs
 * to know nothing about the format.
 */
final class ValueDecoder {

    private static final ObjectMapper RAW_JSON = new ObjectMapper();

    private final EventSerdes serdes;
    private final ObjectMapper json = JsonMappers.mapper();
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();

    ValueDecoder(EventSerdes serdes) {
        this.serdes = serdes;
    }

    /**
     * The value as JSON; empty for a null value, and for one that is not an event of the topic in the format (a
     * dead letter, a stray record), which is not the watcher's business to judge.
     *
     * @throws org.apache.kafka.common.KafkaException when the schema registry is unreachable or refuses to answer
     */
    Optional<JsonNode> decode(String topic, byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        if (serdes.format() == SerdeFormat.JSON) {
            try {
                return Optional.of(RAW_JSON.readTree(value));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Optional<Class<?>> type = TopicEvents.of(topic);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Object event;
        try {
            event = deserializers.computeIfAbsent(topic, t -> serdes.forEvent(type.get()).deserializer())
                    .deserialize(topic, value);
        } catch (SerializationException e) {
            return Optional.empty();
        }
        if (event == null) {
            return Optional.empty();
        }
        try {
            // through the bytes, not valueToTree: the same tree as JSON mode, down to int or long nodes
            return Optional.of(RAW_JSON.readTree(json.writeValueAsBytes(event)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + event + " as JSON", e);
        }
    }
}
