package io.streamsuite.topologies.serde.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
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

    private final Class<A> type;
    private final Schema schema;
    private final BinaryMessageEncoder<A> encoder;
    private final BinaryMessageDecoder<A> decoder;

    /**
     * @param otherWriterSchemas further schemas of this type that producers may write with (older or newer versions)
     */
    public SingleObjectAvroSerde(Class<A> type, List<Schema> otherWriterSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        otherWriterSchemas.forEach(decoder::addSchema);
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

    @Override
    public Deserializer<A> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return decoder.decode(data);
            } catch (BadHeaderException e) {
                throw new UndecodableAvroException("Not Avro single-object encoding (it starts with the marker C3 01): "
                        + e.getMessage() + (data.length > 0 && data[0] == ConfluentWireFormat.MAGIC_BYTE
                        ? " (this looks like the Confluent wire format: is the producer using serde.format=avro?)"
                        : data.length > 0 && data[0] == '{' ? " (this looks like JSON: is the producer using serde.format=json?)" : ""));
            } catch (MissingSchemaException e) {
                throw new UndecodableAvroException("Unknown writer schema: " + e.getMessage() + "; the app knows "
                        + type.getSimpleName() + " with fingerprint " + fingerprint(schema));
            } catch (IOException | AvroRuntimeException | ArrayIndexOutOfBoundsException e) {
                throw new UndecodableAvroException("Invalid Avro single-object data for " + type.getSimpleName() + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
            }
        };
    }

    private static String fingerprint(Schema schema) {
        return Long.toHexString(SchemaNormalization.parsingFingerprint64(schema));
    }
}
