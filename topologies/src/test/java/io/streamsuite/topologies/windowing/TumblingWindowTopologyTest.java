package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the windows built by {@link WindowSpecs} really enforce their grace inside a
 * topology, and that {@link WindowedKeys#windowStartKey} produces usable output keys.
 */
class TumblingWindowTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void countsPerMinuteAcceptLateRecordsOnlyWithinGrace() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .windowedBy(WindowSpecs.tumbling(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                .count()
                .toStream((windowed, count) -> WindowedKeys.windowStartKey(windowed))
                .to("counts", Produced.with(Serdes.String(), Serdes.Long()));

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windowing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // No record cache, so every update is emitted and late drops are visible as missing updates.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> clicks = driver.createInputTopic(
                    "clicks", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic(
                    "counts", Serdes.String().deserializer(), Serdes.Long().deserializer());

            clicks.pipeInput("page", "v", at(1_000));
            clicks.pipeInput("page", "v", at(30_000));
            clicks.pipeInput("page", "v", at(65_000));
            clicks.pipeInput("page", "v", at(5_000));  // late, but [0, 60s) is open until 70s
            clicks.pipeInput("page", "v", at(71_000));
            clicks.pipeInput("page", "v", at(6_000));  // too late: [0, 60s) closed at 70s

            assertThat(counts.readKeyValuesToList()).containsExactly(
                    KeyValue.pair("0", 1L),
                    KeyValue.pair("0", 2L),
                    KeyValue.pair("60000", 1L),
                    KeyValue.pair("0", 3L),
                    KeyValue.pair("60000", 2L));
        }
    }

    private static Instant at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
