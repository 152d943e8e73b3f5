package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.avro.Order;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SingleObjectAvroSerdeTest {

    private static final Schema OLDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "io.streamsuite.topologies.sample.avro", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "customer", "type": "string"}]}""");

    private static Order order() {
        return Order.newBuilder().setOrderId("o-1").setCustomer("alice").setAmount(12.5).setTimestamp(1_000L).build();
    }

    @Test
    void writesMarkerLittleEndianFingerprintAndAvro() throws Exception {
        byte[] bytes = new SingleObjectAvroSerde<>(Order.class).serializer().serialize("orders", order());

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(Order.getClassSchema()));
        // byte for byte what the generated class itself encodes
        ByteBuffer own = order().toByteBuffer();
        assertThat(bytes).isEqualTo(Arrays.copyOfRange(own.array(), own.position(), own.limit()));
    }

    @Test
    void roundTripsAndPassesNulls() {
        SingleObjectAvroSerde<Order> serde = new SingleObjectAvroSerde<>(Order.class);

        assertThat(serde.deserializer().deserialize("orders", serde.serializer().serialize("orders", order()))).isEqualTo(order());
        assertThat(serde.serializer().serialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", null)).isNull();
    }

    @Test
    void readsAnOlderSchemaTheAppWasGiven() throws Exception {
        GenericRecord old = new GenericData.Record(OLDER);
        old.put("orderId", "o-1");
        old.put("customer", "alice");
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLDER).encode(old);
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());

        assertThatThrownBy(() -> new SingleObjectAvroSerde<>(Order.class).deserializer().deserialize("orders", bytes))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessageStartingWith("Unknown writer schema: ")
                .hasMessageEndingWith("the app knows Order with fingerprint "
                        + Long.toHexString(SchemaNormalization.parsingFingerprint64(Order.getClassSchema())));
        Order read = new SingleObjectAvroSerde<>(Order.class, List.of(OLDER)).deserializer().deserialize("orders", bytes);
        assertThat(read).isEqualTo(Order.newBuilder().setOrderId("o-1").setCustomer("alice").setAmount(null).setTimestamp(null).build());
    }

    @Test
    void anotherEncodingIsUndecodableWithAHint() {
        SingleObjectAvroSerde<Order> serde = new SingleObjectAvroSerde<>(Order.class);

        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", "{\"orderId\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessageStartingWith("Not Avro single-object encoding (it starts with the marker C3 01)")
                .hasMessageEndingWith("(this looks like JSON: is the producer using serde.format=json?)");
        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", ConfluentWireFormat.frame(1, new byte[] {2, 3, 4, 5, 6})))
                .hasMessageEndingWith("(this looks like the Confluent wire format: is the producer using serde.format=avro?)");
    }
}
