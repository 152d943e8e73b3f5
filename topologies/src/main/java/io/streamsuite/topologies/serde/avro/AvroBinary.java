package io.streamsuite.topologies.serde.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Plain Avro binary (no framing) for one reader schema: writing with it, and reading data written with any schema the
 * reader can resolve (Avro schema resolution: fields matched by name, missing ones from their defaults, extra ones
 * skipped). Whether a writer schema resolves is checked once per writer schema and remembered.
 *
 * <p>Every length the data declares is checked against the bytes left ({@link BoundedBinaryDecoder}), so a few
 * bytes can never make the reader allocate more than a few times their size.
 *
 * <p>Thread-safe: datum readers and writers are made per call (Avro caches the expensive resolution per thread).
 */
final class AvroBinary {

    private final Schema readerSchema;
    private final SpecificData model;
    private final Map<Schema, SchemaPairCompatibility> compatibility = new ConcurrentHashMap<>();

    AvroBinary(Schema readerSchema, SpecificData model) {
        this.readerSchema = readerSchema;
        this.model = model;
    }

    Schema readerSchema() {
        return readerSchema;
    }

    /** The Avro binary of a record of the reader schema. */
    byte[] write(Object datum) {
        return write(new SpecificDatumWriter<>(readerSchema, model), datum);
    }

    /**
     * Data of the reader schema re-encoded with another schema that can read it (for {@code use.latest.version}).
     *
     * @throws IllegalArgumentException if the target schema cannot read the reader schema's data
     */
    byte[] rewrite(byte[] data, Schema target) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(target, readerSchema);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new IllegalArgumentException(readerSchema.getFullName() + " cannot be written as " + target.getFullName()
                    + ": " + describe(result));
        }
        GenericData generic = GenericData.get();
        Object converted = read(new GenericDatumReader<>(readerSchema, target, generic), data, 0);
        return write(new GenericDatumWriter<>(target, generic), converted);
    }

    /**
     * Reads data written with {@code writerSchema} as a record of the reader schema.
     *
     * @param what the record's origin for messages, e.g. {@code schema id 7}
     * @throws UndecodableAvroException if the writer schema does not resolve against the reader schema, or the data
     *                                  is not valid for the writer schema
     */
    Object read(byte[] data, int offset, Schema writerSchema, String what) {
        SchemaPairCompatibility result = compatibility.computeIfAbsent(writerSchema,
                writer -> SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer));
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new UndecodableAvroException("Incompatible writer schema (" + what + ", " + writerSchema.getFullName()
                    + "): cannot be read as " + readerSchema.getFullName() + ": " + describe(result));
        }
        try {
            return read(new SpecificDatumReader<>(writerSchema, readerSchema, model), data, offset);
        } catch (UncheckedIOException | AvroRuntimeException | ArrayIndexOutOfBoundsException | ClassCastException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new UndecodableAvroException("Invalid Avro data for " + what + " (" + writerSchema.getFullName() + "): "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()), e);
        }
    }

    private static <D> D read(org.apache.avro.io.DatumReader<D> reader, byte[] data, int offset) {
        BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(data, offset, data.length - offset);
        try {
            D datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new AvroRuntimeException("trailing bytes after the record");
            }
            return datum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <D> byte[] write(org.apache.avro.io.DatumWriter<D> writer, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            @SuppressWarnings("unchecked")
            D typed = (D) datum;
            writer.write(typed, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Avro's findings in one line: what, where. */
    static String describe(SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getMessage() + " at " + i.getLocation())
                .collect(Collectors.joining("; "));
    }
}
