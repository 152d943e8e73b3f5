package io.streamsuite.topologies.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counts per page and minute in one task, closed 30 s after the minute in the task's event time. */
class WindowPartialsTest {

    private static final long MINUTE = 60_000;
    private static final long SECOND = 1000;
    private static final Serde<PartialOrMark<Long>> SERDE = new PartialOrMarkSerde<>(Serdes.Long());
    private static final Instant WALL = Instant.parse("2026-12-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> in;
    private TestOutputTopic<String, PartialOrMark<Long>> out;

    @BeforeEach
    void start() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "views");
        WindowPartials.Spec<String, String, Long> spec = new WindowPartials.Spec<>("open", Duration.ofMinutes(1),
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1), page -> page, () -> 0L,
                (count, page) -> count + 1, Serdes.String(), Serdes.Long(), "");
        topology.addProcessor("partials", () -> new WindowPartials<>(spec), "in");
        topology.addStateStore(WindowPartials.store("open"), "partials");
        topology.addSink("out", "partials-out", Serdes.String().serializer(), SERDE.serializer(), "partials");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "partials-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/partials-" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props, WALL);
        in = driver.createInputTopic("views", Serdes.String().serializer(), Serdes.String().serializer());
        out = driver.createOutputTopic("partials-out", Serdes.String().deserializer(), SERDE.deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void view(String page, long time) {
        in.pipeInput(null, page, time);
    }

    @Test
    void aWindowIsSentOnceWhenTheTasksEventTimeHasPassedItsEndAndCloseTimeThenAMark() {
        view("/a", 0);
        assertThat(out.readKeyValuesToList()).as("the first mark: nothing closed yet")
                .containsExactly(KeyValue.pair("", PartialOrMark.mark(0, -30 * SECOND, false)));
        view("/b", 10 * SECOND);
        view("/a", MINUTE - 1);
        view("/a", MINUTE + 29 * SECOND);
        assertThat(out.readKeyValuesToList()).isEmpty();

        view("/a", 59 * SECOND);
        view("/c", MINUTE + 30 * SECOND);
        assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 3L)),
                KeyValue.pair("/b", PartialOrMark.partial(0, MINUTE, 1L)),
                KeyValue.pair("", PartialOrMark.mark(0, MINUTE, false)));

        view("/a", 58 * SECOND);
        assertThat(out.readKeyValuesToList()).as("its window is closed").isEmpty();
        assertThat(droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void aNullValueOnlyMovesTimeOn() {
        view("/a", 0);
        out.readKeyValuesToList();
        in.pipeInput(null, null, 5 * MINUTE);
        assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 1L)),
                KeyValue.pair("", PartialOrMark.mark(0, 4 * MINUTE + 30 * SECOND, false)));
    }

    @Test
    void withoutNewEventTimeForTheIdleTimeItSendsItsOpenWindowsAndSaysItIsIdleOnceAndItsNextRecordEndsThat() {
        view("/a", 0);
        out.readKeyValuesToList();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        driver.advanceWallClockTime(Duration.ofSeconds(31));
        assertThat(out.readKeyValuesToList()).as("the merges stop waiting for it: they get what it has first")
                .containsExactly(
                        KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 1L)),
                        KeyValue.pair("", PartialOrMark.mark(0, -30 * SECOND, true)));
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(out.readKeyValuesToList()).as("once").isEmpty();

        view("/a", SECOND);
        assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair("", PartialOrMark.mark(0, -29 * SECOND, false)));
    }

    @Test
    void aRecordForAWindowItSentWhenItWentIdleMakesAFurtherPartialWhenTheWindowCloses() {
        view("/a", 0);
        view("/b", SECOND);
        out.readKeyValuesToList();
        driver.advanceWallClockTime(Duration.ofSeconds(61));
        assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 1L)),
                KeyValue.pair("/b", PartialOrMark.partial(0, MINUTE, 1L)),
                KeyValue.pair("", PartialOrMark.mark(0, -29 * SECOND, true)));

        view("/a", 2 * SECOND);
        view("/a", 3 * SECOND);
        view("/c", MINUTE + 30 * SECOND);
        assertThat(out.readKeyValuesToList()).as("only what came since, once").containsExactly(
                KeyValue.pair("", PartialOrMark.mark(0, -28 * SECOND, false)),
                KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 2L)),
                KeyValue.pair("", PartialOrMark.mark(0, MINUTE, false)));
        assertThat(droppedRecords()).isZero();
    }

    @Test
    void aMarkEveryMarkIntervalEvenWithoutWindowsToClose() {
        view("/a", 0);
        in.pipeInput(null, null, 2 * MINUTE);
        out.readKeyValuesToList();
        in.pipeInput(null, null, 11 * MINUTE);
        assertThat(out.readKeyValuesToList()).as("9 minutes on").isEmpty();
        in.pipeInput(null, null, 12 * MINUTE);
        assertThat(out.readKeyValuesToList()).containsExactly(
                KeyValue.pair("", PartialOrMark.mark(0, 11 * MINUTE + 30 * SECOND, false)));
    }

    private double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("dropped-records-total")
                        && metric.getKey().group().equals("stream-task-metrics"))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue()).sum();
    }
}
