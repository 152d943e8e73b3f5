package io.streamsuite.topologies.serde.avro;

import java.nio.ByteBuffer;

/**
 * The framing Confluent's serializers put around Avro binary: the magic byte {@code 0}, the writer schema's registry id
 * as a 4-byte big-endian int, then the Avro data. Every Confluent-compatible client reads and writes exactly this.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** The bytes of a record: header, then the Avro binary encoded with the schema of that id. */
    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(HEADER_SIZE + avro.length).put(MAGIC_BYTE).putInt(schemaId).put(avro).array();
    }

    /**
     * The schema id a record was written with.
     *
     * @throws UndecodableAvroException if the bytes are too short for the header or the first byte is not the magic byte
     */
    public static int schemaId(byte[] data) {
        if (data.length > 0 && data[0] != MAGIC_BYTE) {
            throw new UndecodableAvroException(String.format("Unknown magic byte 0x%02x: not the Confluent wire format,"
                    + " which starts with 0x00%s", data[0] & 0xff, guess(data[0])));
        }
        if (data.length < HEADER_SIZE) {
            throw new UndecodableAvroException("Record of " + data.length + " bytes is too short for the Confluent wire"
                    + " format (magic byte, 4-byte schema id, Avro data)");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** Producers sending the wrong format are the usual cause; name the likely one. */
    private static String guess(byte first) {
        if (first == '{' || first == '[') {
            return " (this looks like JSON: is the producer using serde.format=json?)";
        }
        if ((first & 0xff) == 0xC3) {
            return " (this looks like Avro single-object encoding: is the producer using serde.format=avro-single-object?)";
        }
        return "";
    }
}
