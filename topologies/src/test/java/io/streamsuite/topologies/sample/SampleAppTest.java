package io.streamsuite.topologies.sample;

import static io.streamsuite.topologies.testing.RecordAssertions.assertThatTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The runtime's decode, validate and dead-letter path, through the harness the apps use. */
class SampleAppTest {

    final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aggregatesGoodOrdersPerCustomer() {
        try (TopologyHarness harness = TopologyHarness.of(new SampleApp())) {
            var orders = harness.input(SampleApp.orders(harness.context()));
            var totals = harness.output(SampleApp.totals(harness.context()));
            orders.pipeInput("o1", new Order("o1", "alice", 10.0, t0.toEpochMilli()), t0);
            orders.pipeInput("o2", new Order("o2", "bob", 5.0, t0.toEpochMilli() + 1), t0);
            orders.pipeInput("o3", new Order("o3", "alice", 2.5, t0.toEpochMilli() + 2), t0);

            assertThatTopic(totals).keys().containsExactly("alice", "bob", "alice");
            KeyValueStore<String, CustomerTotal> store = harness.driver().getKeyValueStore(SampleApp.STORE);
            assertThat(store.get("alice")).isEqualTo(new CustomerTotal("alice", 2, 12.5, t0.toEpochMilli() + 2));
        }
    }

    @Test
    void poisonRecordsAreDeadLetteredByReasonAndGoodOnesAroundThemAreKept() {
        try (TopologyHarness harness = TopologyHarness.of(new SampleApp(), Map.of("sample.max-amount", "100"))) {
            String ordersTopic = SampleApp.orders(harness.context()).name();
            TestInputTopic<byte[], byte[]> raw = harness.rawInput(ordersTopic);
            var totals = harness.output(SampleApp.totals(harness.context()));

            List<String> undecodable = List.of(
                    "{\"orderId\":\"p1\",\"customer\":\"alice\"",                     // truncated JSON
                    "{\"orderId\":\"p2\",\"customer\":\"alice\",\"amount\":\"ten\"}"); // wrong type
            List<String> invalid = List.of(
                    "{\"orderId\":\"p3\",\"amount\":1}",                                 // customer missing
                    "{\"orderId\":\"p4\",\"customer\":\"alice\",\"amount\":-1}",       // negative amount
                    "{\"orderId\":\"p5\",\"customer\":\"alice\",\"amount\":1000}");    // above the configured max
            raw.pipeInput(good("g1", 1.0));
            for (String value : concat(undecodable, invalid)) {
                raw.pipeInput(new TestRecord<>("key".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders(), t0));
            }
            raw.pipeInput(new TestRecord<>("null-value".getBytes(StandardCharsets.UTF_8), null, new RecordHeaders(), t0));
            raw.pipeInput(good("g2", 2.0));

            assertThatTopic(totals).values().extracting(CustomerTotal::orders).containsExactly(1L, 2L);
            assertThat(harness.deadLettered(ordersTopic, DeadLetterCounter.UNDECODABLE)).isEqualTo(undecodable.size());
            assertThat(harness.deadLettered(ordersTopic, DeadLetterCounter.INVALID)).isEqualTo(invalid.size() + 1);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    TestRecord<byte[], byte[]> good(String id, double amount) {
        String json = "{\"orderId\":\"" + id + "\",\"customer\":\"alice\",\"amount\":" + amount + ",\"timestamp\":\"2026-01-01T10:00:00Z\"}";
        return new TestRecord<>(id.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), t0);
    }
}
