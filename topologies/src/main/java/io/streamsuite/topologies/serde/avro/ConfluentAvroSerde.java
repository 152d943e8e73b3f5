package io.streamsuite.topologies.serde.avro;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record values of one generated Avro type in the Confluent wire format (see {@link ConfluentWireFormat}), with the
 * subject {@code <topic>-value} (Confluent's default TopicNameStrategy), as Confluent's {@code KafkaAvroSerializer}
 * and {@code KafkaAvroDeserializer} with {@code specific.avro.reader=true} write and read them.
 *
 * <p>Writing: the schema id comes from registering the type's schema ({@code auto.register.schemas=true}), looking it
 * up ({@code false}), or the subject's latest version ({@code use.latest.version=true}), into which the record is
 * converted. Reading: the writer schema is fetched by the record's id and resolved against the type's schema, so
 * records of an older or newer compatible schema read correctly. Null in, null out.
 *
 * @param <A> the generated {@code SpecificRecord} class
 */
public final class ConfluentAvroSerde<A extends SpecificRecord> implements Serde<A> {

    /** The schema id and schema a topic's records are written with. */
    private record WriteTarget(int id, Schema schema) {
    }

    private final Class<A> type;
    private final SchemaRegistryClient registry;
    private final RegistryConfig config;
    private final AvroBinary avro;
    private final Map<String, WriteTarget> targets = new ConcurrentHashMap<>();

    public ConfluentAvroSerde(Class<A> type, SchemaRegistryClient registry, RegistryConfig config) {
        this.type = type;
        this.registry = registry;
        this.config = config;
        SpecificData model = SpecificData.getForClass(type);
        this.avro = new AvroBinary(model.getSchema(type), model);
    }

    /** Confluent's default subject of a topic's values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    public Schema schema() {
        return avro.readerSchema();
    }

    @Override
    public Serializer<A> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            // registry failures propagate as they are: they are about the registry, not this record
            WriteTarget target = targets.computeIfAbsent(topic, this::target);
            try {
                byte[] data = avro.write(value);
                if (!target.schema().equals(avro.readerSchema())) {
                    data = avro.rewrite(data, target.schema());
                }
                return ConfluentWireFormat.frame(target.id(), data);
            } catch (AvroRuntimeException | IllegalArgumentException e) {
                throw new SerializationException("Cannot encode " + type.getSimpleName() + " as Avro for topic " + topic
                        + ": " + e.getMessage(), e);
            }
        };
    }

    private WriteTarget target(String topic) {
        String subject = valueSubject(topic);
        if (config.useLatestVersion()) {
            SchemaRegistryClient.RegisteredSchema latest = registry.latest(subject);
            return new WriteTarget(latest.id(), latest.schema());
        }
        int id = config.autoRegister() ? registry.register(subject, avro.readerSchema()) : registry.lookUp(subject, avro.readerSchema());
        return new WriteTarget(id, avro.readerSchema());
    }

    @Override
    public Deserializer<A> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            int id = ConfluentWireFormat.schemaId(data);
            Schema writer = registry.schemaById(id);
            return type.cast(avro.read(data, ConfluentWireFormat.HEADER_SIZE, writer, "schema id " + id));
        };
    }
}
