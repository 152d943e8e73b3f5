package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.avro.Order;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** A few bytes that declare huge lengths are undecodable records, never an allocation of what they claim. */
class BoundedAvroTest {

    /** Avro's zig-zag varint of a long. */
    static byte[] varint(long value) {
        long raw = (value << 1) ^ (value >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((raw & ~0x7FL) != 0) {
            out.write((int) ((raw & 0x7F) | 0x80));
            raw >>>= 7;
        }
        out.write((int) raw);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aTwelveByteRecordClaimingATwoGigabyteStringIsUndecodable() {
        AvroBinary avro = new AvroBinary(Order.getClassSchema(), SpecificData.get());
        byte[] avroPart = concat(varint(Integer.MAX_VALUE), new byte[] {'a', 'b'});
        byte[] record = ConfluentWireFormat.frame(1, avroPart);
        assertThat(record).hasSize(12);

        assertThatThrownBy(() -> avro.read(record, ConfluentWireFormat.HEADER_SIZE, Order.getClassSchema(), "schema id 1"))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessage("Invalid Avro data for schema id 1 (io.streamsuite.topologies.sample.avro.Order): EOFException"
                        + " a string of 2147483647 bytes declared, but only 2 left");
    }

    @Test
    void aSingleObjectRecordClaimingAHugeStringIsUndecodable() {
        byte[] header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(Order.getClassSchema())).array();
        byte[] record = concat(header, varint(1L << 40));

        assertThatThrownBy(() -> new SingleObjectAvroSerde<>(Order.class).deserializer().deserialize("orders", record))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessageEndingWith("a string of 1099511627776 bytes declared, but only 0 left");
    }

    @Test
    void aCollectionClaimingMoreItemsThanBytesLeftIsUndecodable() {
        Schema schema = SchemaBuilder.record("Bag").fields().name("items").type().array().items().longType().noDefault()
                .endRecord();
        AvroBinary avro = new AvroBinary(schema, SpecificData.get());
        byte[] data = concat(varint(Integer.MAX_VALUE), varint(1), varint(2));

        assertThatThrownBy(() -> avro.read(data, 0, schema, "bag"))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessageEndingWith("a block of 2147483647 items declared, but only 2 bytes left");
    }

    @Test
    void validDataWithEveryKindOfLengthStillReads() {
        Schema schema = SchemaBuilder.record("Bag").fields()
                .name("name").type().stringType().noDefault()
                .name("raw").type().bytesType().noDefault()
                .name("items").type().array().items().doubleType().noDefault()
                .name("tags").type().map().values().intType().noDefault()
                .name("flag").type().booleanType().noDefault()
                .name("ratio").type().floatType().noDefault()
                .endRecord();
        GenericRecord bag = new GenericData.Record(schema);
        bag.put("name", "ünïcode");
        bag.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        bag.put("items", java.util.List.of(1.5, -2.25, 1e308));
        bag.put("tags", java.util.Map.of("a", -1, "b", 300));
        bag.put("flag", true);
        bag.put("ratio", 0.5f);
        AvroBinary avro = new AvroBinary(schema, SpecificData.get());
        byte[] data = avro.write(bag);

        GenericRecord read = (GenericRecord) avro.read(data, 0, schema, "bag");
        assertThat(read.get("name").toString()).isEqualTo("ünïcode");
        assertThat((ByteBuffer) read.get("raw")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(read.get("items")).asList().containsExactly(1.5, -2.25, 1e308);
        assertThat(((java.util.Map<?, ?>) read.get("tags")).entrySet()).extracting(e -> e.getKey().toString() + "=" + e.getValue())
                .containsExactlyInAnyOrder("a=-1", "b=300");
        assertThat(read.get("flag")).isEqualTo(true);
        assertThat(read.get("ratio")).isEqualTo(0.5f);
    }
}
