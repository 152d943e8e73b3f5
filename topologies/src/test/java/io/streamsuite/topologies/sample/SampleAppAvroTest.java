package io.streamsuite.topologies.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.serde.avro.ConfluentWireFormat;
import io.streamsuite.topologies.serde.avro.SchemaRegistryUnavailableException;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample app with serde.format=avro against the test registry, and with avro-single-object. */
class SampleAppAvroTest {

    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    private final TestSchemaRegistry registry = TestSchemaRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private TopologyHarness avro() {
        return TopologyHarness.of(new SampleApp(), Map.of("serde.format", "avro", "schema.registry.url", registry.url()));
    }

    @Test
    void readsAndWritesAvroInTheConfluentWireFormat() {
        try (TopologyHarness harness = avro()) {
            var orders = harness.input(SampleApp.orders(harness.context()));
            var raw = harness.driver().createOutputTopic("sample-totals",
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            var totals = harness.output(SampleApp.totals(harness.context()));
            orders.pipeInput("o1", new Order("o1", "alice", 10.0, t0.toEpochMilli()), t0);
            orders.pipeInput("o2", new Order("o2", "alice", 2.5, t0.toEpochMilli() + 1), t0);

            List<TestRecord<byte[], byte[]>> records = raw.readRecordsToList();
            assertThat(records).hasSize(2);
            byte[] value = records.get(0).value();
            assertThat(value[0]).isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
            int id = ConfluentWireFormat.schemaId(value);
            assertThat(registry.schema(id).orElseThrow().getFullName()).isEqualTo("io.streamsuite.topologies.sample.avro.CustomerTotal");
            assertThat(registry.subjects()).containsExactlyInAnyOrder("sample-orders-value", "sample-totals-value");
            assertThat(text(records.get(0).headers(), "content-type")).isEqualTo("application/avro");
            assertThat(text(records.get(0).headers(), "ce_subject")).isEqualTo("alice");
        }
        try (TopologyHarness harness = avro()) {
            var orders = harness.input(SampleApp.orders(harness.context()));
            var totals = harness.output(SampleApp.totals(harness.context()));
            orders.pipeInput("o1", new Order("o1", "bob", 4.0, t0.toEpochMilli()), t0);

            assertThat(totals.readValue()).isEqualTo(new CustomerTotal("bob", 1, 4.0, t0.toEpochMilli()));
        }
    }

    @Test
    void outputsCarryCloudEventsHeadersNamingTheKeyNotTheInputEvent() {
        try (TopologyHarness harness = avro()) {
            var raw = harness.rawInput("sample-orders");
            var totals = harness.output(SampleApp.totals(harness.context()));
            Headers input = binaryCloudEvent("e-77", "o1");

            raw.pipeInput(new TestRecord<>(utf8("o1"), utf8("{\"orderId\": \"o1\", \"customer\": \"carol\", \"amount\": 3, \"timestamp\": 5}"), input, t0));

            TestRecord<String, CustomerTotal> out = totals.readRecord();
            assertThat(out.value()).isEqualTo(new CustomerTotal("carol", 1, 3.0, 5));
            assertThat(text(out.headers(), "ce_specversion")).isEqualTo("1.0");
            assertThat(text(out.headers(), "ce_subject")).isEqualTo("carol");
            assertThat(text(out.headers(), "ce_id")).isNotEqualTo("e-77");
            assertThat(text(out.headers(), "ce_source")).isEqualTo("/streams-suite/sample-app");
            assertThat(text(out.headers(), "ce_type")).isEqualTo("io.streamsuite.topologies.sample.CustomerTotal.v1");
            assertThat(out.headers().headers("ce_id")).hasSize(1);
        }
    }

    @Test
    void acceptsStructuredCloudEventsWithJsonData() {
        try (TopologyHarness harness = avro()) {
            var raw = harness.rawInput("sample-orders");
            var totals = harness.output(SampleApp.totals(harness.context()));
            Headers headers = new RecordHeaders();
            headers.add("content-type", utf8("application/cloudevents+json"));
            String event = "{\"specversion\": \"1.0\", \"id\": \"e-1\", \"source\": \"/shop\", \"type\": \"com.shop.order.v1\","
                    + " \"data\": {\"orderId\": \"o1\", \"customer\": \"dave\", \"amount\": 7, \"timestamp\": 5}}";

            raw.pipeInput(new TestRecord<>(utf8("o1"), utf8(event), headers, t0));

            assertThat(totals.readValue().customer()).isEqualTo("dave");
        }
    }

    @Test
    void recordsThatAreNotAvroAreDeadLetteredAndGoodOnesKept() {
        try (TopologyHarness harness = avro()) {
            var orders = harness.input(SampleApp.orders(harness.context()));
            var raw = harness.rawInput("sample-orders");
            var totals = harness.output(SampleApp.totals(harness.context()));

            orders.pipeInput("o1", new Order("o1", "alice", 1.0, t0.toEpochMilli()), t0);
            raw.pipeInput(utf8("p1"), utf8("{\"orderId\": \"p1\"}"));                          // JSON: wrong magic byte
            raw.pipeInput(utf8("p2"), ConfluentWireFormat.frame(4711, new byte[] {2, 65}));   // an id no registry has
            raw.pipeInput(utf8("p3"), new byte[] {0, 0});                                     // truncated header
            orders.pipeInput("o4", new Order("o4", "alice", -1.0, t0.toEpochMilli()), t0);    // decodes, but invalid
            orders.pipeInput("o5", new Order("o5", "alice", 2.0, t0.toEpochMilli()), t0);

            assertThat(totals.readValuesToList()).extracting(CustomerTotal::orders).containsExactly(1L, 2L);
            assertThat(harness.deadLettered("sample-orders", DeadLetterCounter.UNDECODABLE)).isEqualTo(3);
            assertThat(harness.deadLettered("sample-orders", DeadLetterCounter.INVALID)).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableRegistryStopsTheThreadInsteadOfDeadLetteringGoodRecords() {
        byte[] framed;
        try (TopologyHarness harness = avro()) {
            framed = SampleApp.orders(harness.context()).valueSerde().serializer()
                    .serialize("sample-orders", new Order("o1", "alice", 1.0, t0.toEpochMilli()));
        }
        String url = registry.url();
        registry.close();
        try (TopologyHarness harness = TopologyHarness.of(new SampleApp(),
                Map.of("serde.format", "avro", "schema.registry.url", url))) {
            var raw = harness.rawInput("sample-orders");

            assertThatThrownBy(() -> raw.pipeInput(utf8("o1"), framed))
                    .hasStackTraceContaining(SchemaRegistryUnavailableException.class.getName())
                    .hasStackTraceContaining("Schema registry unreachable");
            assertThat(harness.deadLettered("sample-orders", DeadLetterCounter.UNDECODABLE)).isZero();
        }
    }

    @Test
    void singleObjectEncodingNeedsNoRegistry() {
        try (TopologyHarness harness = TopologyHarness.of(new SampleApp(), Map.of("serde.format", "avro-single-object"))) {
            var orders = harness.input(SampleApp.orders(harness.context()));
            var raw = harness.driver().createOutputTopic("sample-totals",
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            orders.pipeInput("o1", new Order("o1", "erin", 1.5, t0.toEpochMilli()), t0);

            TestRecord<byte[], byte[]> out = raw.readRecord();
            assertThat(out.value()[0]).isEqualTo((byte) 0xC3);
            assertThat(out.value()[1]).isEqualTo((byte) 0x01);
            var decoded = io.streamsuite.topologies.sample.avro.CustomerTotal.getDecoder().decode(out.value());
            assertThat(decoded.getCustomer()).isEqualTo("erin");
            assertThat(decoded.getTotal()).isEqualTo(1.5);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Headers binaryCloudEvent(String id, String subject) {
        Headers headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("ce_id", utf8(id));
        headers.add("ce_source", utf8("/shop"));
        headers.add("ce_type", utf8("com.shop.order.v1"));
        headers.add("ce_subject", utf8(subject));
        headers.add("content-type", utf8("application/json"));
        return headers;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
