package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.serde.EventSerde;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.avro.AvroTypes;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** Checks on an app's Avro schemas: every event survives both Avro formats, and the schemas can evolve. */
public final class AvroEvents {

    private AvroEvents() {
    }

    /** The event, encoded and decoded in the Confluent wire format (against the registry) and in single-object encoding. */
    @SuppressWarnings("unchecked")
    public static <T> void assertRoundTrips(T event, TestSchemaRegistry registry) {
        Class<T> type = (Class<T>) event.getClass();
        for (EventSerdes serdes : List.of(EventSerdes.avro(RegistryConfig.of(URI.create(registry.url()))),
                EventSerdes.avroSingleObject())) {
            EventSerde<T> serde = serdes.forEvent(type);
            // a topic, so a subject, per event type: one subject holds one type's versions
            String topic = "round-trip-" + type.getSimpleName();
            byte[] bytes = serde.serializer().serialize(topic, event);
            assertThat(serde.deserializer().deserialize(topic, bytes)).as("%s in %s", type.getSimpleName(),
                    serdes.format()).isEqualTo(event);
        }
    }

    /**
     * The fields of an event's schema (nested records included) that are optional, a union with null, but have no
     * default of null first: a reader of a later schema could not read records without them. Empty when every optional
     * field can be left out, which is what lets producers and the app evolve their schemas apart.
     */
    public static List<String> optionalFieldsWithoutNullDefault(Class<?> eventType) {
        Schema schema = SpecificData.get().getSchema(AvroTypes.generatedClass(eventType));
        List<String> wrong = new ArrayList<>();
        collect(schema, schema.getName(), wrong, new ArrayList<>());
        return wrong;
    }

    private static void collect(Schema schema, String path, List<String> wrong, List<Schema> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema)) {
                    return;
                }
                seen.add(schema);
                for (Schema.Field field : schema.getFields()) {
                    Schema type = field.schema();
                    if (type.isNullable() && (type.getType() != Schema.Type.UNION
                            || type.getTypes().get(0).getType() != Schema.Type.NULL || !field.hasDefaultValue())) {
                        wrong.add(path + "." + field.name());
                    }
                    collect(type, path + "." + field.name(), wrong, seen);
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, path, wrong, seen));
            case ARRAY -> collect(schema.getElementType(), path + "[]", wrong, seen);
            case MAP -> collect(schema.getValueType(), path + "{}", wrong, seen);
            default -> {
            }
        }
    }
}
