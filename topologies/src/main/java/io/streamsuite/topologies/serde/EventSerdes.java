package io.streamsuite.topologies.serde;

import io.streamsuite.topologies.serde.avro.AvroEventSerde;
import io.streamsuite.topologies.serde.avro.AvroTypes;
import io.streamsuite.topologies.serde.avro.ConfluentAvroSerde;
import io.streamsuite.topologies.serde.avro.RecordMapper;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import io.streamsuite.topologies.serde.avro.SchemaRegistryClient;
import io.streamsuite.topologies.serde.avro.SingleObjectAvroSerde;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the serde of each event type in one configured {@link SerdeFormat}. In Avro mode all serdes share one
 * registry client, so each schema is fetched or registered once per process.
 */
public final class EventSerdes {

    private final SerdeFormat format;
    private final RegistryConfig registryConfig;
    private final SchemaRegistryClient registry;

    private EventSerdes(SerdeFormat format, RegistryConfig registryConfig, SchemaRegistryClient registry) {
        this.format = format;
        this.registryConfig = registryConfig;
        this.registry = registry;
    }

    public static EventSerdes json() {
        return new EventSerdes(SerdeFormat.JSON, null, null);
    }

    public static EventSerdes avroSingleObject() {
        return new EventSerdes(SerdeFormat.AVRO_SINGLE_OBJECT, null, null);
    }

    /** Confluent wire format; no request reaches the registry before the first record. */
    public static EventSerdes avro(RegistryConfig config) {
        return new EventSerdes(SerdeFormat.AVRO, config, new SchemaRegistryClient(config));
    }

    public SerdeFormat format() {
        return format;
    }

    /**
     * The serde of an event type.
     *
     * @throws IllegalStateException in an Avro format, when the event type has no generated Avro class
     *                               (see {@link AvroTypes})
     */
    public <T> EventSerde<T> forEvent(Class<T> type) {
        Objects.requireNonNull(type, "type");
        JsonSerde<T> json = JsonSerde.of(type);
        Serde<T> encoding = switch (format) {
            case JSON -> json;
            case AVRO, AVRO_SINGLE_OBJECT -> avro(type, AvroTypes.generatedClass(type));
        };
        return new EventSerde<>(type, format, encoding, json);
    }

    private <T, A extends SpecificRecord> Serde<T> avro(Class<T> type, Class<A> avroType) {
        Serde<A> records = format == SerdeFormat.AVRO
                ? new ConfluentAvroSerde<>(avroType, registry, registryConfig)
                : new SingleObjectAvroSerde<>(avroType);
        return new AvroEventSerde<>(RecordMapper.of(type, avroType), records);
    }
}
