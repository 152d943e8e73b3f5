package io.streamsuite.topologies.serde.avro;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The components of a Java record and how to read them and build one, looked up once per record class. */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    /** One component: its name, declared type (with generics) and accessor. */
    record Component(String name, Type type, Class<?> rawType, MethodHandle accessor) {
    }

    private final Class<?> type;
    private final List<Component> components;
    private final Map<String, Component> byName = new LinkedHashMap<>();
    private final MethodHandle constructor;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            RecordComponent[] declared = type.getRecordComponents();
            this.components = Arrays.stream(declared).map(c -> component(lookup, c)).toList();
            components.forEach(c -> byName.put(c.name(), c));
            Class<?>[] parameterTypes = Arrays.stream(declared).map(RecordComponent::getType).toArray(Class<?>[]::new);
            this.constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(parameterTypes));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Record " + type.getName() + " must be public with a public canonical"
                    + " constructor to be mapped to Avro", e);
        }
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    private static Component component(MethodHandles.Lookup lookup, RecordComponent component) {
        try {
            return new Component(component.getName(), component.getGenericType(), component.getType(),
                    lookup.unreflect(component.getAccessor()));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot read " + component.getName() + " of "
                    + component.getDeclaringRecord().getName(), e);
        }
    }

    Class<?> type() {
        return type;
    }

    List<Component> components() {
        return components;
    }

    Component component(String name) {
        return byName.get(name);
    }

    Object get(Component component, Object instance) {
        try {
            return component.accessor().invoke(instance);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    Object create(Object[] arguments) {
        try {
            return constructor.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
