package io.streamsuite.topologies.serde.avro;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An event record encoded through its generated Avro class: {@link RecordMapper} on one side, an Avro serde of the
 * generated class (Confluent wire format or single-object encoding) on the other. Null in, null out.
 *
 * @param <T> the event record
 * @param <A> the generated Avro class
 */
public final class AvroEventSerde<T, A extends SpecificRecord> implements Serde<T> {

    private final RecordMapper<T, A> mapper;
    private final Serde<A> avro;

    public AvroEventSerde(RecordMapper<T, A> mapper, Serde<A> avro) {
        this.mapper = mapper;
        this.avro = avro;
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<A> inner = avro.serializer();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T event) {
                return inner.serialize(topic, toAvro(topic, event));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T event) {
                return inner.serialize(topic, headers, toAvro(topic, event));
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<A> inner = avro.deserializer();
        return new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return fromAvro(topic, inner.deserialize(topic, data));
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return fromAvro(topic, inner.deserialize(topic, headers, data));
            }
        };
    }

    private A toAvro(String topic, T event) {
        if (event == null) {
            return null;
        }
        try {
            return mapper.toAvro(event);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Cannot encode " + mapper.type().getSimpleName() + " as Avro for topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    private T fromAvro(String topic, A record) {
        if (record == null) {
            return null;
        }
        try {
            return mapper.fromAvro(record);
        } catch (IllegalArgumentException e) {
            throw new UndecodableAvroException("Cannot decode " + mapper.type().getSimpleName() + " from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
