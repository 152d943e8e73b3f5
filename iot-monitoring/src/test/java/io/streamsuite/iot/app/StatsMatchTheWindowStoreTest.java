package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.serde.EventTimeExtractor;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.testing.TopologyHarness;
import io.streamsuite.topologies.windowing.RunningStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The statistics kept in the device state give exactly what Kafka Streams' window store with
 * {@code suppress(untilWindowCloses)} gave (the topology of earlier releases, rebuilt here as the reference): the
 * same records, values, timestamps and order, for readings out of order within the grace and later than it.
 */
class StatsMatchTheWindowStoreTest {

    private static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** The earlier releases' aggregate: per sensor type, the running statistics of one device's window. */
    record SensorWindows(Map<String, RunningStats> sensors) {
        SensorWindows add(Reading reading) {
            Map<String, RunningStats> updated = new HashMap<>(sensors);
            updated.merge(reading.sensorType(), RunningStats.empty().add(reading.value()),
                    (stats, ignored) -> stats.add(reading.value()));
            return new SensorWindows(updated);
        }
    }

    private static TopologyTestDriver reference() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), JsonSerde.of(Reading.class))
                        .withTimestampExtractor(new EventTimeExtractor()))
                .groupByKey(Grouped.with(Serdes.String(), JsonSerde.of(Reading.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), GRACE))
                .aggregate(() -> new SensorWindows(Map.of()), (device, reading, window) -> window.add(reading),
                        Materialized.<String, SensorWindows, WindowStore<Bytes, byte[]>>as("reference-windows")
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(SensorWindows.class)))
                .suppress(Suppressed.<Windowed<String>>untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream()
                .flatMap((window, aggregate) -> new TreeMap<>(aggregate.sensors()).entrySet().stream()
                        .map(sensor -> KeyValue.pair(window.key(), new DeviceStats(window.key(), sensor.getKey(),
                                window.window().start(), window.window().end(), sensor.getValue().count(),
                                sensor.getValue().min(), sensor.getValue().max(), sensor.getValue().mean(),
                                sensor.getValue().stddev())))
                        .toList())
                .to("out", Produced.with(Serdes.String(), JsonSerde.of(DeviceStats.class)));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "reference:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/reference-" + System.nanoTime());
        return new TopologyTestDriver(builder.build(), props, TopologyHarness.START);
    }

    /** Readings of 7 devices and 3 sensors over an hour: mostly in order, some late within the grace, some beyond. */
    private static List<Reading> readings() {
        Random random = new Random(20);
        List<Reading> readings = new ArrayList<>();
        long time = T0;
        for (int i = 0; i < 1500; i++) {
            time += random.nextInt(5000);
            long at = time;
            int roll = random.nextInt(100);
            if (roll < 10) {
                at = Math.max(T0, time - random.nextInt(40_000));      // late: within the grace or just beyond
            } else if (roll < 13) {
                at = Math.max(T0, time - 60_000 - random.nextInt(120_000)); // far beyond the grace
            }
            String device = "dev-" + random.nextInt(7);
            String sensor = List.of("temperature", "humidity", "pressure").get(random.nextInt(3));
            readings.add(new Reading(device, sensor, Math.round(random.nextGaussian() * 1000) / 100.0, "u", at));
        }
        readings.add(new Reading("dev-0", "temperature", 0.0, "u", time + 10 * 60_000));
        return readings;
    }

    @Test
    void everyClosedWindowIsTheSameRecordInTheSameOrder() {
        List<Reading> readings = readings();
        List<TestRecord<String, DeviceStats>> expected;
        try (TopologyTestDriver reference = reference()) {
            TestInputTopic<String, Reading> in = reference.createInputTopic("in", Serdes.String().serializer(),
                    JsonSerde.of(Reading.class).serializer());
            readings.forEach(reading -> in.pipeInput(reading.deviceId(), reading));
            TestOutputTopic<String, DeviceStats> out = reference.createOutputTopic("out",
                    Serdes.String().deserializer(), JsonSerde.of(DeviceStats.class).deserializer());
            expected = out.readRecordsToList();
        }
        List<TestRecord<String, DeviceStats>> actual;
        try (TopologyHarness harness = TopologyHarness.of(new IotMonitoringApp(), Map.of("iot.stats.grace", "30s"))) {
            TestInputTopic<String, Reading> in = harness.input(IotMonitoringApp.readings(harness.context()));
            readings.forEach(reading -> in.pipeInput(reading.deviceId(), reading));
            actual = harness.output(IotMonitoringApp.stats(harness.context())).readRecordsToList();
        }

        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).key()).as("record %d", i).isEqualTo(expected.get(i).key());
            assertThat(actual.get(i).value()).as("record %d", i).isEqualTo(expected.get(i).value());
            assertThat(actual.get(i).timestamp()).as("record %d", i).isEqualTo(expected.get(i).timestamp());
        }
    }
}
