package io.streamsuite.topologies.serde.avro;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts an event, a plain Java record, to its generated Avro {@code SpecificRecord} and back, field by field by
 * name, so the events stay free of Avro and the schemas stay the contract's field names.
 *
 * <p>What it bridges: nested records, lists and maps at any depth; Java enums or strings to Avro enums and strings;
 * numbers across widths; nullable fields as unions with null. A schema field the record lacks takes its default
 * (a newer schema's optional field); a record component the schema lacks becomes null (an older writer's schema).
 *
 * @param <T> the event record
 * @param <A> the generated Avro class
 */
public final class RecordMapper<T, A extends SpecificRecord> {

    private final Class<T> type;
    private final Class<A> avroType;
    private final Schema schema;
    private final SpecificData model;

    private RecordMapper(Class<T> type, Class<A> avroType) {
        this.type = type;
        this.avroType = avroType;
        this.model = SpecificData.getForClass(avroType);
        this.schema = model.getSchema(avroType);
    }

    /** A mapper between an event record and a generated Avro class of the same fields. */
    public static <T, A extends SpecificRecord> RecordMapper<T, A> of(Class<T> type, Class<A> avroType) {
        RecordShape.of(type);
        return new RecordMapper<>(type, avroType);
    }

    public Class<T> type() {
        return type;
    }

    public Class<A> avroType() {
        return avroType;
    }

    /** The schema of the generated class: the reader schema of this event. */
    public Schema schema() {
        return schema;
    }

    /**
     * The Avro form of an event.
     *
     * @throws IllegalArgumentException naming the field, when a value does not fit its schema (a null for a required
     *                                  field, a string that is not a symbol of an enum)
     */
    public A toAvro(T event) {
        return avroType.cast(toAvro(event, schema, schema.getName()));
    }

    /**
     * The event an Avro record stands for.
     *
     * @throws IllegalArgumentException naming the field, when a value does not fit the event (a missing value for a
     *                                  primitive component, a symbol the Java enum does not have)
     */
    public T fromAvro(IndexedRecord avro) {
        return type.cast(fromAvro(avro, type, schema.getName()));
    }

    private Object toAvro(Object value, Schema schema, String path) {
        if (schema.getType() == Schema.Type.UNION) {
            return toUnion(value, schema, path);
        }
        if (value == null) {
            if (schema.getType() == Schema.Type.NULL) {
                return null;
            }
            throw new IllegalArgumentException(path + " is null, but its schema requires a " + schema.getType().getName());
        }
        return switch (schema.getType()) {
            case RECORD -> toAvroRecord(value, schema, path);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                int i = 0;
                for (Object element : (Collection<?>) value) {
                    list.add(toAvro(element, schema.getElementType(), path + "[" + i++ + "]"));
                }
                yield list;
            }
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((Map<?, ?>) value).forEach((key, element) ->
                        map.put(String.valueOf(key), toAvro(element, schema.getValueType(), path + "." + key)));
                yield map;
            }
            case ENUM -> {
                String symbol = value instanceof Enum<?> e ? e.name() : value.toString();
                if (!schema.hasEnumSymbol(symbol)) {
                    throw new IllegalArgumentException(path + " is '" + symbol + "', not one of " + schema.getEnumSymbols());
                }
                yield model.createEnum(symbol, schema);
            }
            case STRING -> value instanceof Enum<?> e ? e.name() : value.toString();
            case LONG -> number(value, path).longValue();
            case INT -> Math.toIntExact(number(value, path).longValue());
            case DOUBLE -> number(value, path).doubleValue();
            case FLOAT -> number(value, path).floatValue();
            case BOOLEAN -> (Boolean) value;
            default -> throw new IllegalArgumentException(path + ": Avro type " + schema.getType() + " is not mapped");
        };
    }

    private Object toAvroRecord(Object value, Schema schema, String path) {
        RecordShape shape = RecordShape.of(value.getClass());
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            RecordShape.Component component = shape.component(field.name());
            Object converted = component != null
                    ? toAvro(shape.get(component, value), field.schema(), path + "." + field.name())
                    : model.getDefaultValue(field);
            record.put(field.pos(), converted);
        }
        return record;
    }

    /** A null goes to the null branch; anything else to the first branch its Java type fits. */
    private Object toUnion(Object value, Schema union, String path) {
        for (Schema branch : union.getTypes()) {
            if (value == null ? branch.getType() == Schema.Type.NULL : fits(value, branch)) {
                return value == null ? null : toAvro(value, branch, path);
            }
        }
        throw new IllegalArgumentException(path + " is " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                + ", which none of " + union + " takes");
    }

    private static boolean fits(Object value, Schema branch) {
        return switch (branch.getType()) {
            case STRING -> value instanceof CharSequence || value instanceof Enum<?>;
            case ENUM -> value instanceof Enum<?> || value instanceof CharSequence;
            case LONG, INT -> value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
            case DOUBLE, FLOAT -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case RECORD -> value.getClass().isRecord();
            case ARRAY -> value instanceof Collection<?>;
            case MAP -> value instanceof Map<?, ?>;
            default -> false;
        };
    }

    private Object fromAvro(Object value, Type target, String path) {
        Class<?> raw = rawClass(target);
        if (value == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException(path + " is missing");
            }
            return null;
        }
        if (raw.isRecord()) {
            return fromAvroRecord((IndexedRecord) value, raw, path);
        }
        if (List.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
            Type element = typeArgument(target, 0);
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (Object item : (Collection<?>) value) {
                list.add(fromAvro(item, element, path + "[" + i++ + "]"));
            }
            return list;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type element = typeArgument(target, 1);
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((key, item) ->
                    map.put(key.toString(), fromAvro(item, element, path + "." + key)));
            return map;
        }
        if (raw.isEnum()) {
            return enumConstant(raw, value.toString(), path);
        }
        if (raw == String.class) {
            return value.toString();
        }
        if (raw == Long.class || raw == long.class) {
            return number(value, path).longValue();
        }
        if (raw == Integer.class || raw == int.class) {
            return Math.toIntExact(number(value, path).longValue());
        }
        if (raw == Double.class || raw == double.class) {
            return number(value, path).doubleValue();
        }
        if (raw == Float.class || raw == float.class) {
            return number(value, path).floatValue();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return (Boolean) value;
        }
        if (raw == Object.class) {
            return plain(value);
        }
        throw new IllegalArgumentException(path + ": Java type " + raw.getName() + " is not mapped from Avro");
    }

    private Object fromAvroRecord(IndexedRecord avro, Class<?> target, String path) {
        RecordShape shape = RecordShape.of(target);
        Schema schema = avro.getSchema();
        Object[] arguments = new Object[shape.components().size()];
        int i = 0;
        for (RecordShape.Component component : shape.components()) {
            Schema.Field field = schema.getField(component.name());
            Object value;
            try {
                value = field == null ? null : avro.get(field.pos());
            } catch (AvroRuntimeException e) {
                value = null;
            }
            arguments[i++] = fromAvro(value, component.type(), path + "." + component.name());
        }
        try {
            return shape.create(arguments);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(path + " cannot be built: " + e.getMessage(), e);
        }
    }

    /** Avro's own types as the plain Java values an event's {@code Object} component would hold from JSON. */
    private static Object plain(Object value) {
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return value.toString();
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String symbol, String path) {
        try {
            return Enum.valueOf((Class<? extends Enum>) type, symbol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + " is '" + symbol + "', not a " + type.getSimpleName());
        }
    }

    private static Number number(Object value, String path) {
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException(path + " is a " + value.getClass().getSimpleName() + ", not a number");
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
