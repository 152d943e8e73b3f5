package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.topologies.testing.HostileCorpus;
import io.streamsuite.topologies.testing.HostileCorpus.Hostile;
import io.streamsuite.topologies.testing.HostileInputRun;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped jar fed the hostile corpus ({@link HostileCorpus}, {@link HostileInputRun}) among half an hour of
 * readings of twelve devices, in JSON and in Avro (with a schema registry outage). Every bad record is dead-lettered
 * once with its reason; the good readings give exactly what the app's own topology gives them in a {@code
 * TopologyTestDriver} without the bad ones: every statistics window and every alert, in order. Silence is judged on
 * stream time here, so that the offline alert of the device that stops reporting is the same in both runs.
 */
class HostileInputJarIT {

    static final long SEED = Long.getLong("hostile.seed", 22L);
    static final int GARBAGE_KEYS = Integer.getInteger("hostile.garbage-keys", 2_000);
    static final Path JAR = Path.of("target", "iot-monitoring.jar");
    static final int DEVICES = 12;
    static final int ROUNDS = 180;
    static final Duration EVERY = Duration.ofSeconds(10);

    static final String REFUSED = "refused by the app: ";
    static final Map<String, String> REASONS = Map.of(
            REFUSED + "a value of 1e308", "value is beyond",
            REFUSED + "a negative time", "timestamp is negative",
            REFUSED + "an id of 312 characters", "characters long, more than",
            REFUSED + "a time two days ahead", "ahead of this instance's clock");

    static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest(name = "serde.format={0}")
    @ValueSource(strings = {"json", "avro"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBadRecordIsDeadLetteredAndTheGoodOnesGiveExactlyWhatTheyGiveAlone(String format) throws Exception {
        String prefix = format + "-hostile-";
        String appId = prefix + "iot-it";
        try (HostileInputRun run = HostileInputRun.of(kafka, format, dir)) {
            Map<String, String> properties = new TreeMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", appId,
                    "http.port", "0",
                    "topics.create", "true",
                    "topics.partitions", "1",
                    "iot.heartbeat.clock", "stream-time"));
            new IotMonitoringApp().topics().forEach(topic -> properties.put("topic." + topic.name(), prefix + topic.name()));
            properties.putAll(run.appProperties());
            AppContext context = ConfiguredApp.of(new IotMonitoringApp(), properties).context();
            TopicSpec<String, Reading> readings = IotMonitoringApp.readings(context);
            TopicSpec<String, Device> devices = IotMonitoringApp.devices(context);
            kafka.createTopic(devices.name(), 1, Map.of("cleanup.policy", "compact"));
            List<Device> fleet = fleet();
            List<ProducerRecord<byte[], byte[]>> registered = new ArrayList<>();
            fleet.forEach(device -> registered.add(new ProducerRecord<>(devices.name(), utf8(device.deviceId()),
                    devices.valueSerde().serializer().serialize(devices.name(), device))));
            kafka.produce(registered);
            List<ProducerRecord<byte[], byte[]>> good = readings(readings);

            run.send(readings.name(), appId, good, corpus(run, readings), utf8(HostileCorpus.MARKER + "-dev"),
                    GARBAGE_KEYS, SEED);
            run.start(JAR, properties, Path.of("target", "hostile-input-jar-it-" + format + ".log"));
            run.awaitProcessed(Duration.ofMinutes(3));

            run.assertBadRecordsDeadLetteredAndAppUnharmed(REASONS);
            Outputs expected = alone(properties, fleet, good);
            Outputs committed = committed(context);
            assertThat(committed.stats()).as("statistics windows, in order").isEqualTo(expected.stats());
            assertThat(committed.alerts()).as("alerts, in order").isEqualTo(expected.alerts());
            assertThat(expected.alerts()).as("the readings give threshold, anomaly and offline alerts")
                    .extracting(alert -> alert.value().type().name()).contains("THRESHOLD_HIGH", "ANOMALY", "DEVICE_OFFLINE");
            System.out.printf("[%s] hostile corpus: %d bad records (%d under random keys), %d good readings, %d windows,"
                            + " %d alerts, peak RSS %d MB%n", format, run.badCount(), GARBAGE_KEYS, good.size(),
                    expected.stats().size(), expected.alerts().size(), run.peakRssBytes() >> 20);
            run.stopCleanly();
        }
    }

    /** Twelve devices; one with a temperature maximum that its spikes cross. */
    private static List<Device> fleet() {
        List<Device> fleet = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            Map<String, Device.Range> thresholds = d == 0 ? Map.of("temperature", new Device.Range(null, 30.0)) : Map.of();
            fleet.add(new Device(deviceId(d), "hall-" + (d % 3), thresholds));
        }
        return fleet;
    }

    /**
     * Half an hour of temperature and humidity every 10 s, two hours ago; a spike now and then, which is an anomaly
     * once a sensor has its baseline; the last device stops reporting halfway, so it goes offline in stream time.
     */
    private static List<ProducerRecord<byte[], byte[]>> readings(TopicSpec<String, Reading> readings) {
        Random random = new Random(SEED);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long time = start.plus(EVERY.multipliedBy(round)).toEpochMilli();
            for (int d = 0; d < DEVICES; d++) {
                if (d == DEVICES - 1 && round > ROUNDS / 2) {
                    continue;
                }
                double spike = round % 45 == 44 && d % 4 == round % 4 ? 15 : 0;
                double temperature = 20 + 2 * Math.sin(round / 7.0 + d) + random.nextGaussian() * 0.2 + spike;
                double humidity = 50 + 4 * Math.cos(round / 9.0 + d) + random.nextGaussian() * 0.5;
                for (Reading reading : List.of(new Reading(deviceId(d), "temperature", temperature, "C", time),
                        new Reading(deviceId(d), "humidity", humidity, "%", time))) {
                    records.add(new ProducerRecord<>(readings.name(), null, time, utf8(reading.deviceId()),
                            readings.valueSerde().serializer().serialize(readings.name(), reading)));
                }
            }
        }
        return records;
    }

    private static List<Hostile> corpus(HostileInputRun run, TopicSpec<String, Reading> readings) {
        String topic = readings.name();
        long now = Instant.now().toEpochMilli();
        List<Hostile> corpus = run.corpus(new Reading(HostileCorpus.MARKER + "-dev", HostileCorpus.MARKER + "-sensor",
                21.5, "C", now), readings, SEED);
        Map<String, Reading> refused = new TreeMap<>(Map.of(
                "a value of 1e308", new Reading(deviceId(1), "temperature", 1e308, "C", now),
                "a negative time", new Reading(deviceId(1), "temperature", 20.0, "C", -5L),
                "an id of 312 characters", new Reading(HostileCorpus.MARKER + "x".repeat(300), "temperature", 20.0, "C", now),
                "a time two days ahead", new Reading(deviceId(1), "temperature", 20.0, "C",
                        now + Duration.ofDays(2).toMillis())));
        refused.forEach((what, reading) -> corpus.add(new Hostile(REFUSED + what,
                readings.valueSerde().serializer().serialize(topic, reading))));
        return corpus;
    }

    /** What the app writes, as compared: statistics records, and alerts without their wall-clock {@code detectedAt}. */
    record Outputs(List<CrashReference.Stats> stats, List<CrashReference.Alert> alerts) {
    }

    /** The good readings alone through the app's own topology, in the order sent. */
    private static Outputs alone(Map<String, String> properties, List<Device> fleet, List<ProducerRecord<byte[], byte[]>> good) {
        Map<String, String> settings = new HashMap<>(properties);
        // the driver's clock starts at TopologyHarness.START, long before these readings: none is "in the future" here
        settings.put("event.time.max-future", "3650d");
        try (TopologyHarness harness = TopologyHarness.of(new IotMonitoringApp(), settings)) {
            AppContext context = harness.context();
            TestInputTopic<String, Device> registry = harness.input(IotMonitoringApp.devices(context));
            fleet.forEach(device -> registry.pipeInput(device.deviceId(), device));
            TestInputTopic<byte[], byte[]> input = harness.rawInput(IotMonitoringApp.readings(context).name());
            good.forEach(record -> input.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(),
                    record.timestamp())));
            return new Outputs(harness.output(IotMonitoringApp.stats(context)).readRecordsToList().stream()
                    .map(record -> new CrashReference.Stats(record.key(), record.value(), record.timestamp())).toList(),
                    harness.output(IotMonitoringApp.alerts(context)).readRecordsToList().stream()
                            .map(record -> CrashReference.Alert.of(record.value(), record.timestamp())).toList());
        }
    }

    private static Outputs committed(AppContext context) {
        TopicSpec<String, DeviceStats> stats = IotMonitoringApp.stats(context);
        TopicSpec<String, IotAlert> alerts = IotMonitoringApp.alerts(context);
        List<CrashReference.Stats> statsRecords = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(stats.name(), Duration.ofMinutes(1))) {
            statsRecords.add(new CrashReference.Stats(new String(record.key(), StandardCharsets.UTF_8),
                    stats.valueSerde().deserializer().deserialize(stats.name(), record.headers(), record.value()),
                    record.timestamp()));
        }
        List<CrashReference.Alert> alertRecords = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(alerts.name(), Duration.ofMinutes(1))) {
            alertRecords.add(CrashReference.Alert.of(alerts.valueSerde().deserializer().deserialize(alerts.name(),
                    record.headers(), record.value()), record.timestamp()));
        }
        return new Outputs(statsRecords, alertRecords);
    }

    private static String deviceId(int d) {
        return String.format("dev-%02d", d);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
