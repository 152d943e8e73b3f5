package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A record that makes a processor throw is a dead letter; many of them stop the app. */
class ProcessingFailuresTest {

    final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aRecordThatMakesAProcessorThrowIsDeadLetteredWithItsProcessorAndTheNextOnesGoOn() {
        try (TopologyHarness harness = TopologyHarness.of(new FailingProcessorApp())) {
            TestInputTopic<String, String> words = harness.input(FailingProcessorApp.words(harness.context()));
            TestOutputTopic<String, String> shouted = harness.output(FailingProcessorApp.shouted(harness.context()));
            TestOutputTopic<byte[], byte[]> dlq = harness.driver().createOutputTopic("failing-app-dlq",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());

            RecordHeaders headers = new RecordHeaders();
            headers.add("origin", "test".getBytes(StandardCharsets.UTF_8));
            words.pipeInput(new TestRecord<>("k1", "hello", null, t0));
            words.pipeInput(new TestRecord<>("k2", "boom now", headers, t0));
            words.pipeInput(new TestRecord<>("k3", "world", null, t0));

            assertThat(shouted.readValuesToList()).containsExactly("HELLO", "WORLD");
            List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
            assertThat(letters).hasSize(1);
            TestRecord<byte[], byte[]> letter = letters.get(0);
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("boom now");
            assertThat(header(letter, "origin")).isEqualTo("test");
            assertThat(header(letter, DeadLetterHeaders.PROCESSOR)).isEqualTo(FailingProcessorApp.UPPER);
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(letter, DeadLetterHeaders.MESSAGE)).isEqualTo("cannot shout boom now");
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("failing-words");
            assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("1");
            assertThat(harness.deadLettered("failing-words", DeadLetterCounter.UNPROCESSABLE)).isEqualTo(1);
        }
    }

    @Test
    void moreFailuresThanTheAllowedShareOfTheWindowStopTheApp() {
        Map<String, String> strict = Map.of("processing.failures.window", "10", "processing.failures.max-share", "0.3");
        try (TopologyHarness harness = TopologyHarness.of(new FailingProcessorApp(), strict)) {
            TestInputTopic<String, String> words = harness.input(FailingProcessorApp.words(harness.context()));
            TestOutputTopic<String, String> shouted = harness.output(FailingProcessorApp.shouted(harness.context()));
            // offsets 0..9: three failures are 30% of the last 10 records, which is allowed
            for (int i = 0; i < 10; i++) {
                words.pipeInput("k" + i, i % 3 == 1 ? "boom" : "ok", t0);
            }
            assertThat(shouted.readValuesToList()).hasSize(7);
            assertThat(harness.deadLettered("failing-words", DeadLetterCounter.UNPROCESSABLE)).isEqualTo(3);
            // offset 11: offsets 2..11 hold failures at 4, 7 and 11, still three of ten (the one at 1 has left the window)
            words.pipeInput("k10", "ok", t0);
            words.pipeInput("k11", "boom", t0);
            assertThat(harness.deadLettered("failing-words", DeadLetterCounter.UNPROCESSABLE)).isEqualTo(4);
            // offset 12: failures at 4, 7, 11 and 12 of offsets 3..12, four of ten: a bug, the app stops on it
            assertThatThrownBy(() -> words.pipeInput("k12", "boom", t0)).isInstanceOf(StreamsException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(harness.deadLettered("failing-words", DeadLetterCounter.UNPROCESSABLE)).isEqualTo(4);
        }
    }

    @Test
    void aGlobalTableRecordThatMakesItsUpdaterThrowIsSkippedAndCounted() {
        try (TopologyHarness harness = TopologyHarness.of(new FailingProcessorApp())) {
            TestInputTopic<String, String> names = harness.input(FailingProcessorApp.names(harness.context()));
            names.pipeInput("a", "anna", t0);
            names.pipeInput("b", "boom", t0);
            names.pipeInput("c", "carl", t0);

            var store = harness.driver().<String, String>getKeyValueStore(FailingProcessorApp.NAMES_STORE);
            assertThat(store.get("a")).isEqualTo("ANNA");
            assertThat(store.get("b")).isNull();
            assertThat(store.get("c")).isEqualTo("CARL");
            assertThat(harness.deadLettered("failing-names", DeadLetterCounter.UNPROCESSABLE)).isEqualTo(1);
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
