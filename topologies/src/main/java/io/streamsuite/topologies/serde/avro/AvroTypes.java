package io.streamsuite.topologies.serde.avro;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where the generated Avro class of an event lives, by one convention: event {@code com.example.Order} has its schema
 * {@code com.example.avro.Order} ({@code "namespace": "com.example.avro", "name": "Order"} in an {@code .avsc} under
 * {@code src/main/avro}), generated into that class by the avro-maven-plugin.
 */
public final class AvroTypes {

    private AvroTypes() {
    }

    /** The conventional generated class name of an event type. */
    public static String generatedClassName(Class<?> eventType) {
        return eventType.getPackageName() + ".avro." + eventType.getSimpleName();
    }

    /**
     * The generated class of an event type.
     *
     * @throws IllegalStateException if there is none: the app has no schema for an event it reads or writes
     */
    public static Class<? extends SpecificRecord> generatedClass(Class<?> eventType) {
        String name = generatedClassName(eventType);
        try {
            Class<?> found = Class.forName(name, true, eventType.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(found)) {
                throw new IllegalStateException(name + " is not a generated Avro SpecificRecord");
            }
            return found.asSubclass(SpecificRecord.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No Avro schema for " + eventType.getName() + ": Avro needs the generated class "
                    + name + " (a schema with that namespace and name in src/main/avro)", e);
        }
    }
}
