package io.streamsuite.topologies.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
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

/** Sums per key and minute, sent by three source partitions whose event times lie hours apart. */
class WatermarkMergeTest {

    private static final long MINUTE = 60_000;
    private static final int SOURCES = 3;
    private static final Serde<PartialOrMark<Long>> SERDE = new PartialOrMarkSerde<>(Serdes.Long());

    private TopologyTestDriver driver;
    private TestInputTopic<String, PartialOrMark<Long>> in;
    private TestOutputTopic<String, PartialOrMark<Long>> out;

    @BeforeEach
    void start() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), SERDE.deserializer(), "partials");
        WatermarkMerge.Spec<String, Long, Long> spec = new WatermarkMerge.Spec<>("pending", "marks", "partials",
                SourcePartitions.fixed(SOURCES), 0, () -> 0L, Long::sum, Serdes.String(), Serdes.Long(), "");
        topology.addProcessor("merge", () -> new WatermarkMerge<>(spec), "in");
        topology.addStateStore(WatermarkMerge.pendingStore("pending"), "merge");
        topology.addStateStore(WatermarkMerge.marksStore("marks"), "merge");
        topology.addSink("out", "merged", Serdes.String().serializer(), SERDE.serializer(), "merge");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "merge-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/merge-" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props);
        in = driver.createInputTopic("partials", Serdes.String().serializer(), SERDE.serializer());
        out = driver.createOutputTopic("merged", Serdes.String().deserializer(), SERDE.deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void partial(String key, long minute, long count) {
        in.pipeInput(key, PartialOrMark.partial(minute * MINUTE, (minute + 1) * MINUTE, count));
    }

    private void mark(int source, long time, boolean idle) {
        in.pipeInput("", PartialOrMark.mark(source, time, idle));
    }

    private List<KeyValue<String, PartialOrMark<Long>>> emitted() {
        return out.readKeyValuesToList().stream().filter(kv -> kv.value instanceof PartialOrMark.Partial<Long>).toList();
    }

    @Test
    void aWindowWaitsForTheMarksOfEveryPartition() {
        partial("/a", 0, 2);
        mark(0, MINUTE, false);
        partial("/a", 0, 3);
        mark(1, 5 * MINUTE, false);
        assertThat(emitted()).as("partition 2 has not reported").isEmpty();

        mark(2, MINUTE, false);
        assertThat(emitted()).containsExactly(KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 5L)));
        assertThat(out.isEmpty()).isTrue();
    }

    @Test
    void threePartitionsHoursApartGiveExactlyTheSumsOfEveryWindow() {
        // each source: 6 hours of minutes, partials for two keys, marks at every minute; sent interleaved with source 0
        // running 5 hours ahead of source 2 and source 1 in between, as a replay reads them
        Random random = new Random(21);
        Map<String, Long> expected = new TreeMap<>();
        List<List<Runnable>> perSource = new ArrayList<>();
        for (int source = 0; source < SOURCES; source++) {
            List<Runnable> sends = new ArrayList<>();
            for (long minute = 0; minute < 360; minute++) {
                for (String key : List.of("/a", "/b")) {
                    long count = random.nextInt(4);
                    if (count > 0) {
                        expected.merge(key + "@" + minute, count, Long::sum);
                        long m = minute;
                        sends.add(() -> partial(key, m, count));
                    }
                }
                int s = source;
                long end = (minute + 1) * MINUTE;
                sends.add(() -> mark(s, end, false));
            }
            perSource.add(sends);
        }
        // source 0 first sends 5 hours on its own, source 1 2 hours, then all interleave one step each
        int[] next = new int[SOURCES];
        int[] headStart = {perSource.get(0).size() * 5 / 6, perSource.get(1).size() / 3, 0};
        for (int source = 0; source < SOURCES; source++) {
            while (next[source] < headStart[source]) {
                perSource.get(source).get(next[source]++).run();
            }
        }
        boolean more = true;
        while (more) {
            more = false;
            for (int source = 0; source < SOURCES; source++) {
                if (next[source] < perSource.get(source).size()) {
                    perSource.get(source).get(next[source]++).run();
                    more = true;
                }
            }
        }

        Map<String, Long> merged = new TreeMap<>();
        List<Long> ends = new ArrayList<>();
        for (KeyValue<String, PartialOrMark<Long>> window : emitted()) {
            PartialOrMark.Partial<Long> partial = (PartialOrMark.Partial<Long>) window.value;
            assertThat(merged.put(window.key + "@" + partial.windowStart() / MINUTE, partial.value()))
                    .as("each window once").isNull();
            ends.add(partial.windowEnd());
        }
        assertThat(merged).isEqualTo(expected);
        assertThat(ends).as("in the order of their ends").isSorted();
        assertThat(droppedRecords()).isZero();
    }

    @Test
    void anIdlePartitionStopsHoldingBackAndItsLatePartialsAreDroppedAndCounted() {
        partial("/a", 0, 1);
        mark(0, 2 * MINUTE, false);
        mark(1, 2 * MINUTE, false);
        mark(2, Long.MIN_VALUE, true);
        assertThat(emitted()).containsExactly(KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 1L)));
        assertThat(out.readKeyValuesToList()).isEmpty();

        // partition 2 wakes up: it counts again, and what it sends for windows already emitted is late
        partial("/a", 1, 7);
        mark(2, 3 * MINUTE, false);
        partial("/a", 2, 4);
        assertThat(emitted()).as("partition 2's mark is behind the others'").isEmpty();
        mark(0, 4 * MINUTE, false);
        mark(1, 4 * MINUTE, false);
        assertThat(emitted()).as("up to partition 2's mark")
                .containsExactly(KeyValue.pair("/a", PartialOrMark.partial(2 * MINUTE, 3 * MINUTE, 4L)));
        assertThat(droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void whenEveryPartitionIsIdleTheLowestMarkStillHolds() {
        partial("/a", 0, 1);
        partial("/a", 5, 1);
        mark(0, 10 * MINUTE, true);
        mark(1, MINUTE, true);
        mark(2, 10 * MINUTE, true);
        assertThat(emitted()).containsExactly(KeyValue.pair("/a", PartialOrMark.partial(0, MINUTE, 1L)));
    }

    @Test
    void itForwardsItsOwnWatermarkWhenItMoves() {
        mark(0, MINUTE, false);
        mark(1, MINUTE, false);
        mark(2, 2 * MINUTE, false);
        mark(2, 3 * MINUTE, false);
        assertThat(out.readValuesToList()).containsExactly(PartialOrMark.mark(0, MINUTE, false));
    }

    private double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("dropped-records-total")
                        && metric.getKey().group().equals("stream-task-metrics"))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue()).sum();
    }
}
