package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.avro.Order;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "orders";
    private static final String SUBJECT = "orders-value";
    /** The generated class's schema minus {@code timestamp}: what a producer built before the field was added. */
    private static final Schema OLDER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "io.streamsuite.topologies.sample.avro", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "customer", "type": "string"},
              {"name": "amount", "type": ["null", "double"], "default": null}]}""");
    /** The generated class's schema plus an optional {@code channel}: a producer a version ahead of the app. */
    private static final Schema NEWER = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "io.streamsuite.topologies.sample.avro", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "channel", "type": ["null", "string"], "default": null},
              {"name": "customer", "type": "string"},
              {"name": "amount", "type": ["null", "double"], "default": null},
              {"name": "timestamp", "type": ["null", "long"], "default": null}]}""");
    private static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Order", "namespace": "io.streamsuite.topologies.sample.avro", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "customer", "type": "long"}]}""");

    private final TestSchemaRegistry registry = TestSchemaRegistry.start();
    private final RegistryConfig config = RegistryConfig.of(URI.create(registry.url()));

    @AfterEach
    void stop() {
        registry.close();
    }

    private ConfluentAvroSerde<Order> serde(RegistryConfig config) {
        return new ConfluentAvroSerde<>(Order.class, new SchemaRegistryClient(config), config);
    }

    private static Order order() {
        return Order.newBuilder().setOrderId("o-1").setCustomer("alice").setAmount(12.5).setTimestamp(1_000L).build();
    }

    @Test
    void writesMagicByteSchemaIdAndPlainAvroBinary() throws IOException {
        byte[] bytes = serde(config).serializer().serialize(TOPIC, order());

        assertThat(registry.schema(1)).contains(Order.getClassSchema());
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0, 1);
        // what remains is exactly what Avro itself writes for the record
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(Order.getClassSchema(), order()));
    }

    @Test
    void readsWhatItWrites() {
        ConfluentAvroSerde<Order> serde = serde(config);

        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, order()))).isEqualTo(order());
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void oneRegistryCallPerNewSchemaOnEitherSide() {
        ConfluentAvroSerde<Order> producer = serde(config);
        ConfluentAvroSerde<Order> consumer = serde(config);

        for (int i = 0; i < 50; i++) {
            consumer.deserializer().deserialize(TOPIC, producer.serializer().serialize(TOPIC, order()));
        }
        producer.serializer().serialize("other-orders", order());

        assertThat(registry.requests()).containsExactly(
                new TestSchemaRegistry.Request("POST", "/subjects/orders-value/versions"),
                new TestSchemaRegistry.Request("GET", "/schemas/ids/1"),
                new TestSchemaRegistry.Request("POST", "/subjects/other-orders-value/versions"));
    }

    @Test
    void readsARecordOfAnOlderSchemaWithTheNewFieldsDefault() throws IOException {
        int id = registry.register(SUBJECT, OLDER);
        GenericRecord old = new GenericData.Record(OLDER);
        old.put("orderId", "o-1");
        old.put("customer", "alice");
        old.put("amount", 3.0);

        Order read = serde(config).deserializer().deserialize(TOPIC, ConfluentWireFormat.frame(id, plainAvro(OLDER, old)));

        assertThat(read).isEqualTo(Order.newBuilder().setOrderId("o-1").setCustomer("alice").setAmount(3.0).setTimestamp(null).build());
    }

    @Test
    void readsARecordOfANewerSchemaSkippingWhatItDoesNotKnow() throws IOException {
        int id = registry.register(SUBJECT, NEWER);
        GenericRecord newer = new GenericData.Record(NEWER);
        newer.put("orderId", "o-1");
        newer.put("channel", "web");
        newer.put("customer", "alice");
        newer.put("amount", 3.0);
        newer.put("timestamp", 5L);

        Order read = serde(config).deserializer().deserialize(TOPIC, ConfluentWireFormat.frame(id, plainAvro(NEWER, newer)));

        assertThat(read).isEqualTo(Order.newBuilder().setOrderId("o-1").setCustomer("alice").setAmount(3.0).setTimestamp(5L).build());
    }

    @Test
    void anOlderReaderReadsTheAppsRecords() throws IOException {
        byte[] bytes = serde(config).serializer().serialize(TOPIC, order());

        GenericRecord read = new GenericDatumReader<GenericRecord>(Order.getClassSchema(), OLDER)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(read.toString()).isEqualTo("{\"orderId\": \"o-1\", \"customer\": \"alice\", \"amount\": 12.5}");
    }

    @Test
    void anIncompatibleWriterSchemaIsUndecodable() throws IOException {
        registry.setCompatibility(SUBJECT, "NONE");
        int id = registry.register(SUBJECT, INCOMPATIBLE);
        GenericRecord bad = new GenericData.Record(INCOMPATIBLE);
        bad.put("orderId", "o-1");
        bad.put("customer", 7L);

        assertThatThrownBy(() -> serde(config).deserializer().deserialize(TOPIC, ConfluentWireFormat.frame(id, plainAvro(INCOMPATIBLE, bad))))
                .isInstanceOf(UndecodableAvroException.class)
                .hasMessageStartingWith("Incompatible writer schema (schema id " + id + ", io.streamsuite.topologies.sample.avro.Order):"
                        + " cannot be read as io.streamsuite.topologies.sample.avro.Order: reader type: STRING not compatible with writer type: LONG at /fields/1/type");
    }

    @Test
    void anUnknownIdAWrongMagicByteAndTruncatedDataAreUndecodable() {
        ConfluentAvroSerde<Order> serde = serde(config);
        byte[] good = serde.serializer().serialize(TOPIC, order());

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, ConfluentWireFormat.frame(99, new byte[] {2})))
                .isInstanceOf(UndecodableAvroException.class).hasMessageStartingWith("Unknown schema id 99");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UndecodableAvroException.class).hasMessageStartingWith("Unknown magic byte 0x7b");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(UndecodableAvroException.class).hasMessageStartingWith("Invalid Avro data for schema id 1");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustBeThere() {
        RegistryConfig lookUpOnly = config.withAutoRegister(false);

        assertThatThrownBy(() -> serde(lookUpOnly).serializer().serialize(TOPIC, order()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("Subject orders-value does not exist");

        int id = registry.register(SUBJECT, Order.getClassSchema());
        assertThat(serde(lookUpOnly).serializer().serialize(TOPIC, order())[4]).isEqualTo((byte) id);
    }

    @Test
    void withUseLatestVersionRecordsAreWrittenWithTheLatestSchema() throws IOException {
        registry.register(SUBJECT, Order.getClassSchema());
        int latest = registry.register(SUBJECT, NEWER);

        byte[] bytes = serde(config.withUseLatestVersion(true)).serializer().serialize(TOPIC, order());

        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(latest);
        GenericRecord read = new GenericDatumReader<GenericRecord>(NEWER)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(read.get("channel")).isNull();
        assertThat(read.get("customer").toString()).isEqualTo("alice");
        assertThat(serde(config).deserializer().deserialize(TOPIC, bytes)).isEqualTo(order());
    }

    @Test
    void withUseLatestVersionALatestSchemaThatCannotHoldTheRecordIsAnEncodingError() {
        registry.setCompatibility(SUBJECT, "NONE");
        registry.register(SUBJECT, INCOMPATIBLE);

        assertThatThrownBy(() -> serde(config.withUseLatestVersion(true)).serializer().serialize(TOPIC, order()))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot encode Order as Avro for topic orders: io.streamsuite.topologies.sample.avro.Order"
                        + " cannot be written as io.streamsuite.topologies.sample.avro.Order");
    }

    private static byte[] plainAvro(Schema schema, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
