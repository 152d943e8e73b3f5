package io.streamsuite.topologies.serde.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.Order;
import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class CloudEventsDeserializerTest {

    private static final String ORDER_JSON = "{\"orderId\": \"o-1\", \"customer\": \"alice\", \"amount\": 12.5, \"timestamp\": 1000}";
    private static final Order ORDER = new Order("o-1", "alice", 12.5, 1000L);

    /** The configured format stands in as a decoder that only says it was used. */
    private static final Deserializer<Order> FORMAT = (topic, data) -> new Order("from-format", null, null, null);

    private final CloudEventsDeserializer<Order> json = new CloudEventsDeserializer<>(
            JsonSerde.of(Order.class).deserializer(), JsonSerde.of(Order.class).deserializer());
    private final CloudEventsDeserializer<Order> avroConfigured = new CloudEventsDeserializer<>(
            FORMAT, JsonSerde.of(Order.class).deserializer());

    private static Headers binaryHeaders(String contentType) {
        Headers headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("ce_id", utf8("e-1"));
        headers.add("ce_source", utf8("/shop"));
        headers.add("ce_type", utf8("com.example.order.v1"));
        if (contentType != null) {
            headers.add("content-type", utf8(contentType));
        }
        return headers;
    }

    private static Headers structuredHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("content-type", utf8("application/cloudevents+json; charset=UTF-8"));
        return headers;
    }

    private static String envelope(String dataMember) {
        return "{\"specversion\": \"1.0\", \"id\": \"e-1\", \"source\": \"/shop\", \"type\": \"com.example.order.v1\","
                + " \"datacontenttype\": \"application/json\", " + dataMember + "}";
    }

    @Test
    void readsPlainRecords() {
        assertThat(json.deserialize("orders", new RecordHeaders(), utf8(ORDER_JSON))).isEqualTo(ORDER);
        assertThat(json.deserialize("orders", utf8(ORDER_JSON))).isEqualTo(ORDER);
        assertThat(json.deserialize("orders", new RecordHeaders(), (byte[]) null)).isNull();
    }

    @Test
    void readsBinaryModeWithTheEventAsTheValue() {
        assertThat(json.deserialize("orders", binaryHeaders("application/json"), utf8(ORDER_JSON))).isEqualTo(ORDER);
    }

    @Test
    void readsStructuredModeWithTheEventInData() {
        assertThat(json.deserialize("orders", structuredHeaders(), utf8(envelope("\"data\": " + ORDER_JSON)))).isEqualTo(ORDER);
    }

    @Test
    void readsStructuredModeWithBase64Data() {
        String base64 = java.util.Base64.getEncoder().encodeToString(utf8(ORDER_JSON));

        assertThat(json.deserialize("orders", structuredHeaders(), utf8(envelope("\"data_base64\": \"" + base64 + "\""))))
                .isEqualTo(ORDER);
    }

    @Test
    void jsonDataIsReadAsJsonWhateverTheConfiguredFormat() {
        assertThat(avroConfigured.deserialize("orders", binaryHeaders("application/json"), utf8(ORDER_JSON))).isEqualTo(ORDER);
        assertThat(avroConfigured.deserialize("orders", structuredHeaders(), utf8(envelope("\"data\": " + ORDER_JSON))))
                .isEqualTo(ORDER);
    }

    @Test
    void otherDataGoesToTheConfiguredFormat() {
        assertThat(avroConfigured.deserialize("orders", binaryHeaders("application/avro"), new byte[] {0, 0, 0, 0, 1}).orderId())
                .isEqualTo("from-format");
        assertThat(avroConfigured.deserialize("orders", binaryHeaders(null), new byte[] {0, 0, 0, 0, 1}).orderId())
                .isEqualTo("from-format");
        assertThat(avroConfigured.deserialize("orders", new RecordHeaders(), new byte[] {0}).orderId()).isEqualTo("from-format");
    }

    @Test
    void anInvalidCloudEventIsUndecodable() {
        Headers noId = binaryHeaders("application/json");
        noId.remove("ce_id");

        assertThatThrownBy(() -> json.deserialize("orders", noId, utf8(ORDER_JSON)))
                .isInstanceOf(UndecodableCloudEventException.class)
                .hasMessageStartingWith("Invalid CloudEvent in topic orders: ");
        assertThatThrownBy(() -> json.deserialize("orders", structuredHeaders(), utf8("{\"specversion\": \"1.0\"")))
                .isInstanceOf(UndecodableCloudEventException.class);
        assertThatThrownBy(() -> json.deserialize("orders", structuredHeaders(),
                utf8("{\"specversion\": \"1.0\", \"id\": \"e-1\", \"source\": \"/shop\", \"type\": \"t\"}")))
                .isInstanceOf(UndecodableCloudEventException.class)
                .hasMessage("CloudEvent e-1 (t) in topic orders carries no data");
    }

    @Test
    void recognisesJsonContentTypes() {
        assertThat(CloudEventsDeserializer.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(CloudEventsDeserializer.isJson("application/vnd.shop.order+json")).isTrue();
        assertThat(CloudEventsDeserializer.isJson("application/avro")).isFalse();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
