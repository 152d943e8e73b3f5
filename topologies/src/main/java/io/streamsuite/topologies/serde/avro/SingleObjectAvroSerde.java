package io.streamsuite.topologies.serde.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record values of one generated Avro type in Avro's own single-object encoding: the marker {@code C3 01}, the
 * writer schema's 8-byte CRC-64-AVRO fingerprint (little-endian), then Avro binary. No registry: the writer schema
 * must be one the app knows, its own or one of the older or newer schemas given here, and is resolved against the
 * app's schema. Null in, null out.
 *
 * @param <A> the generated {@code SpecificRecord} class
 */
public final class SingleObjectAvroSerde<A extends SpecificRecord> implements Serde<A> {

    private static final byte[] MARKER = {(byte) 0xC3, 0x01};
    /** The marker and the 8-byte fingerprint. */
    private static final int HEADER_SIZE = 10;

    private final Class<A> type;
    private final Schema schema;
    private final BinaryMessageEncoder<A> encoder;
    private final AvroBinary avro;
    private final Map<Long, Schema> writerSchemas = new HashMap<>();

    /**
     * @param otherWriterSchemas further schemas of this type that producers may write with (older or newer versions)
     */
    public SingleObjectAvroSerde(Class<A> type, List<Schema> otherWriterSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.avro = new AvroBinary(schema, model);
        writerSchemas.put(SchemaNormalization.parsingFingerprint64(schema), schema);
        otherWriterSchemas.forEach(other -> writerSchemas.put(SchemaNormalization.parsingFingerprint64(other), other));
    }

    public SingleObjectAvroSerde(Class<A> type) {
        this(type, List.of());
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public Serializer<A> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(value);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException | AvroRuntimeException e) {
                throw new SerializationException("Cannot encode " + type.getSimpleName() + " as Avro for topic " + topic
                        + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Reads the header itself rather than with Avro's {@code BinaryMessageDecoder}, so that the data is read by
     * {@link AvroBinary}, which checks every declared length against the bytes left.
     */
    @Override
    public Deserializer<A> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length < HEADER_SIZE || data[0] != MARKER[0] || data[1] != MARKER[1]) {
                throw new UndecodableAvroException("Not Avro single-object encoding (it starts with the marker C3 01): "
                        + (data.length < HEADER_SIZE ? "only " + data.length + " bytes" : "it starts with another marker")
                        + (data.length > 0 && data[0] == ConfluentWireFormat.MAGIC_BYTE
                        ? " (this looks like the Confluent wire format: is the producer using serde.format=avro?)"
                        : data.length > 0 && data[0] == '{' ? " (this looks like JSON: is the producer using serde.format=json?)" : ""));
            }
            long fingerprint = ByteBuffer.wrap(data, MARKER.length, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            Schema writer = writerSchemas.get(fingerprint);
            if (writer == null) {
                throw new UndecodableAvroException("Unknown writer schema: no schema of fingerprint "
                        + Long.toHexString(fingerprint) + "; the app knows " + type.getSimpleName() + " with fingerprint "
                        + fingerprint(schema));
            }
            return type.cast(avro.read(data, HEADER_SIZE, writer, "single-object fingerprint " + Long.toHexString(fingerprint)));
        };
    }

    private static String fingerprint(Schema schema) {
        return Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
    }
}
