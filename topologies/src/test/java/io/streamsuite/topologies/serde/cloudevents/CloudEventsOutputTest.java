package io.streamsuite.topologies.serde.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.sample.CustomerTotal;
import io.streamsuite.topologies.serde.JsonSerde;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class CloudEventsOutputTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.250Z");

    private final CloudEventsOutput output = new CloudEventsOutput(URI.create("/streams-suite/sample-app"),
            "application/json", Clock.fixed(NOW, ZoneOffset.UTC));
    private final Serde<String> keys = output.keySerde(Serdes.String());
    private final Serde<CustomerTotal> values = output.valueSerde(JsonSerde.of(CustomerTotal.class),
            CloudEventsOutput.eventType(CustomerTotal.class));

    /** What Kafka Streams does for each output record: the key, then the value, with the record's headers. */
    private byte[] write(Headers headers, String key, CustomerTotal value) {
        keys.serializer().serialize("totals", headers, key);
        return values.serializer().serialize("totals", headers, value);
    }

    @Test
    void stampsBinaryModeHeadersAndLeavesTheValueAlone() {
        Headers headers = new RecordHeaders();
        CustomerTotal total = new CustomerTotal("alice", 2, 30.0, 1000);

        byte[] value = write(headers, "alice", total);

        assertThat(value).isEqualTo(JsonSerde.of(CustomerTotal.class).serializer().serialize("totals", total));
        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).matches("[0-9a-f-]{36}");
        assertThat(text(headers, "ce_source")).isEqualTo("/streams-suite/sample-app");
        assertThat(text(headers, "ce_type")).isEqualTo("io.streamsuite.topologies.sample.CustomerTotal.v1");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-11-21T10:15:30.25Z");
        assertThat(text(headers, "ce_subject")).isEqualTo("alice");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void everyRecordGetsItsOwnId() {
        Headers first = new RecordHeaders();
        Headers second = new RecordHeaders();
        write(first, "alice", new CustomerTotal("alice", 1, 1, 1));
        write(second, "alice", new CustomerTotal("alice", 1, 1, 1));

        assertThat(text(first, "ce_id")).isNotEqualTo(text(second, "ce_id"));
    }

    @Test
    void replacesTheHeadersOfTheInputEventOnceEach() {
        Headers headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", "input-1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_subject", "order-7".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_customattr", "x".getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));

        write(headers, "alice", new CustomerTotal("alice", 1, 1, 1));

        List<String> names = new ArrayList<>();
        headers.forEach(header -> names.add(header.key()));
        assertThat(names).containsExactlyInAnyOrder("traceparent", "ce_specversion", "ce_id", "ce_source", "ce_type",
                "ce_time", "ce_subject", "content-type");
        assertThat(text(headers, "ce_id")).isNotEqualTo("input-1");
        assertThat(text(headers, "ce_subject")).isEqualTo("alice");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void aTombstoneCarriesNoEventHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("ce_id", "input-1".getBytes(StandardCharsets.UTF_8));

        assertThat(write(headers, "alice", null)).isNull();
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void aKeylessRecordHasNoSubject() {
        Headers headers = new RecordHeaders();

        write(headers, null, new CustomerTotal("alice", 1, 1, 1));

        assertThat(headers.lastHeader("ce_subject")).isNull();
        assertThat(text(headers, "ce_type")).isNotNull();
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
