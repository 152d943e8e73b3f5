package io.streamsuite.topologies.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.streamsuite.topologies.config.LogText;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * UTF-8 JSON for Java records and other Jackson-mappable types. Null in, null out (tombstones pass through);
 * every failure is a {@link SerializationException} naming the type and the topic.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final String typeName;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(ObjectMapper mapper, JavaType type) {
        this.typeName = type.getRawClass().getSimpleName();
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    /** A serde for a plain (non-generic) type. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        ObjectMapper mapper = JsonMappers.mapper();
        return new JsonSerde<>(mapper, mapper.constructType(type));
    }

    /** A serde for a generic type, e.g. {@code TopN<String>} built with the mapper's type factory. */
    public static <T> JsonSerde<T> of(JavaType type) {
        return new JsonSerde<>(JsonMappers.mapper(), type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException("Cannot encode " + typeName + " as JSON for topic " + topic + ": "
                        + e.getOriginalMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return reader.readValue(data);
            } catch (JsonProcessingException e) {
                // without Jackson's exception as the cause: its message may quote a value of the record, and a cause's
                // message is printed wherever the exception is logged
                throw new SerializationException("Cannot decode " + typeName + " from topic " + topic + ": "
                        + describe(e));
            } catch (IOException e) {
                throw new SerializationException("Cannot decode " + typeName + " from topic " + topic + ": "
                        + e.getMessage(), e);
            }
        };
    }

    /**
     * What went wrong and where, quoting nothing of the input: for a wrong type the field's path and the type expected
     * (Jackson would quote the value), else Jackson's first line, in which the mapper quotes no token
     * ({@link JsonMappers}).
     */
    private static String describe(JsonProcessingException e) {
        String message;
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String path = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."));
            message = "wrong type" + (path.isEmpty() ? "" : " for " + LogText.of(path, 100)) + ": expected "
                    + mismatch.getTargetType().getSimpleName();
        } else {
            message = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
        }
        if (e.getLocation() != null) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
