package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.query.BadQueryException;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The production topology, configured through the production config path, in a TopologyTestDriver. */
class IotMonitoringAppTest {

    private static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final String TEMP = "temperature";

    private TopologyHarness harness;
    private TestInputTopic<String, Reading> readings;
    private TestInputTopic<String, Device> devices;
    private TestOutputTopic<String, DeviceStats> stats;
    private TestOutputTopic<String, IotAlert> alerts;

    private void start(Map<String, String> properties) {
        harness = TopologyHarness.of(new IotMonitoringApp(), properties);
        readings = harness.input(IotMonitoringApp.readings(harness.context()));
        devices = harness.input(IotMonitoringApp.devices(harness.context()));
        stats = harness.output(IotMonitoringApp.stats(harness.context()));
        alerts = harness.output(IotMonitoringApp.alerts(harness.context()));
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void read(String device, String sensor, double value, long time) {
        readings.pipeInput(device, new Reading(device, sensor, value, "u", time));
    }

    private void register(String device, String location, Double min, Double max) {
        devices.pipeInput(device, new Device(device, location, Map.of(TEMP, new Device.Range(min, max))));
    }

    private List<IotAlert> newAlerts() {
        return alerts.readValuesToList();
    }

    private DeviceState state(String device) {
        KeyValueStore<String, DeviceState> store = harness.driver().getKeyValueStore(IotMonitoringApp.STATE_STORE);
        return store.get(device);
    }

    @Test
    void windowStatisticsMatchANaiveComputation() {
        start();
        Random random = new Random(11);
        Map<String, List<Double>> sent = new HashMap<>();
        long time = T0;
        for (int i = 0; i < 300; i++) {
            String device = "d" + random.nextInt(3);
            String sensor = random.nextBoolean() ? TEMP : "humidity";
            double value = 20 + random.nextGaussian() * 3;
            time += random.nextInt(1200);
            read(device, sensor, value, time);
            sent.computeIfAbsent(device + "/" + sensor + "/" + (time - time % MINUTE), k -> new ArrayList<>())
                    .add(value);
        }
        read("clock", TEMP, 0, time + 2 * MINUTE);

        List<DeviceStats> closed = stats.readValuesToList();
        assertThat(closed).hasSize(sent.size());
        for (DeviceStats window : closed) {
            List<Double> values = sent.get(window.deviceId() + "/" + window.sensorType() + "/" + window.windowStart());
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
            assertThat(window.windowEnd()).isEqualTo(window.windowStart() + MINUTE);
            assertThat(window.count()).isEqualTo(values.size());
            assertThat(window.min()).isEqualTo(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            assertThat(window.max()).isEqualTo(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
            assertThat(window.mean()).isCloseTo(mean, within(1e-9));
            assertThat(window.stddev()).isCloseTo(Math.sqrt(variance), within(1e-9));
        }
    }

    @Test
    void aWindowIsEmittedOnceItsGraceIsOver() {
        start();
        read("d1", TEMP, 20, T0 + 59 * SECOND);
        read("d1", TEMP, 21, T0 + MINUTE + 29 * SECOND);
        assertThat(stats.readValuesToList()).isEmpty();
        read("d1", TEMP, 22, T0 + MINUTE + 30 * SECOND);
        assertThat(stats.readValuesToList()).singleElement()
                .satisfies(window -> assertThat(window.count()).isEqualTo(1));
    }

    @Nested
    class Thresholds {

        @Test
        void aValueAboveTheMaximumOrBelowTheMinimumAlertsAndOneOnTheBoundDoesNot() {
            start(Map.of("iot.alert.cooldown", "0s"));
            register("d1", "hall-A", 10.0, 30.0);
            read("d1", TEMP, 30.0, T0);
            read("d1", TEMP, 10.0, T0 + 1);
            assertThat(newAlerts()).isEmpty();

            read("d1", TEMP, 30.01, T0 + 2);
            read("d1", TEMP, 9.99, T0 + 3);
            List<IotAlert> raised = newAlerts();
            assertThat(raised).extracting(IotAlert::type, IotAlert::value, IotAlert::threshold).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AlertType.THRESHOLD_HIGH, 30.01, 30.0),
                    org.assertj.core.groups.Tuple.tuple(AlertType.THRESHOLD_LOW, 9.99, 10.0));
            assertThat(raised).allSatisfy(alert -> {
                assertThat(alert.location()).isEqualTo("hall-A");
                assertThat(alert.sensorType()).isEqualTo(TEMP);
                assertThat(alert.expected()).isNull();
                assertThat(alert.lastSeen()).isNull();
            });
            assertThat(raised.get(0).eventTime()).isEqualTo(T0 + 2);
            assertThat(raised.get(0).detectedAt()).isEqualTo(TopologyHarness.START.toEpochMilli());
        }

        @Test
        void aChangedThresholdAppliesToTheNextReadingWithoutARestart() {
            start(Map.of("iot.alert.cooldown", "0s"));
            register("d1", "hall-A", null, 30.0);
            read("d1", TEMP, 32, T0);
            assertThat(newAlerts()).hasSize(1);

            register("d1", "hall-B", null, 35.0);
            read("d1", TEMP, 32, T0 + 1);
            assertThat(newAlerts()).isEmpty();
            read("d1", TEMP, 36, T0 + 2);
            assertThat(newAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.threshold()).isEqualTo(35.0);
                assertThat(alert.location()).isEqualTo("hall-B");
            });

            devices.pipeInput("d1", (Device) null);
            read("d1", TEMP, 99, T0 + 3);
            assertThat(newAlerts()).as("unregistered: no thresholds").isEmpty();
        }

        @Test
        void anUnreadableRegistryEntryUnregistersTheDeviceAndTheAppCarriesOn() {
            start();
            register("d1", "hall-A", null, 30.0);
            harness.rawInput("iot-devices").pipeInput(bytes("d1"), bytes("{\"thresholds\": 5}"));
            read("d1", TEMP, 40, T0);
            assertThat(newAlerts()).isEmpty();
        }
    }

    @Nested
    class Anomalies {

        /** Readings alternating between 19 and 21: mean 20, standard deviation about 1. */
        private void steady(String device, int count, long from) {
            for (int i = 0; i < count; i++) {
                read(device, TEMP, i % 2 == 0 ? 19 : 21, from + i * SECOND);
            }
        }

        @Test
        void nothingIsJudgedDuringTheWarmUp() {
            start();
            steady("d1", 29, T0);
            read("d1", TEMP, 100, T0 + MINUTE);
            assertThat(newAlerts()).as("29 readings are not a baseline yet").isEmpty();
        }

        @Test
        void aReadingFarFromTheRunningMeanIsAnAnomalyAfterTheWarmUp() {
            start();
            register("d1", "hall-A", null, null);
            steady("d1", 30, T0);
            read("d1", TEMP, 23, T0 + MINUTE);
            assertThat(newAlerts()).as("about 3 standard deviations is normal").isEmpty();

            read("d1", TEMP, 40, T0 + MINUTE + SECOND);
            assertThat(newAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.type()).isEqualTo(AlertType.ANOMALY);
                assertThat(alert.value()).isEqualTo(40.0);
                assertThat(alert.expected()).isCloseTo(20.2, within(0.3));
                assertThat(alert.zScore()).isGreaterThan(4);
                assertThat(alert.location()).isEqualTo("hall-A");
                assertThat(alert.threshold()).isNull();
            });
        }

        @Test
        void anAnomalyBarelyMovesTheBaselineSoTheNextReadingsAreJudgedFairly() {
            start(Map.of("iot.alert.cooldown", "0s"));
            steady("d1", 40, T0);
            double meanBefore = state("d1").sensors().get(TEMP).baseline().mean();
            double stddevBefore = state("d1").sensors().get(TEMP).baseline().stddev();

            read("d1", TEMP, 1000, T0 + MINUTE);
            double meanAfter = state("d1").sensors().get(TEMP).baseline().mean();
            // unclipped, the mean would have jumped by alpha x 980 = 49
            assertThat(meanAfter - meanBefore).isLessThanOrEqualTo(0.05 * 4 * stddevBefore + 1e-9);

            read("d1", TEMP, 21, T0 + MINUTE + SECOND);
            read("d1", TEMP, 1000, T0 + MINUTE + 2 * SECOND);
            assertThat(newAlerts()).extracting(IotAlert::value).as("the normal reading passes, the second spike does not")
                    .containsExactly(1000.0, 1000.0);
        }

        @Test
        void aSensorThatNeverVariedStillLearnsANewLevel() {
            start(Map.of("iot.alert.cooldown", "0s"));
            for (int i = 0; i < 30; i++) {
                read("d1", TEMP, 0, T0 + i * SECOND);
            }
            for (int i = 0; i < 100; i++) {
                read("d1", TEMP, 1, T0 + MINUTE + i * SECOND);
            }
            List<IotAlert> raised = newAlerts();
            assertThat(raised).isNotEmpty();
            assertThat(raised).as("the step is an anomaly at first, not for ever").hasSizeLessThan(100);
        }

        @Test
        void aLastingChangeOfLevelIsAbsorbedInTime() {
            start(Map.of("iot.alert.cooldown", "0s"));
            steady("d1", 40, T0);
            for (int i = 0; i < 400; i++) {
                read("d1", TEMP, i % 2 == 0 ? 29 : 31, T0 + MINUTE + i * SECOND);
            }
            List<IotAlert> raised = newAlerts();
            assertThat(raised).isNotEmpty();
            assertThat(raised.get(raised.size() - 1).eventTime()).as("the new level is normal after a while")
                    .isLessThan(T0 + MINUTE + 300 * SECOND);
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void aDeviceSilentForTheTimeoutGoesOfflineOnTheWallClockAndOnlineWhenItReports() {
            start();
            register("d1", "hall-A", null, null);
            read("d1", TEMP, 20, T0);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(55));
            assertThat(newAlerts()).isEmpty();

            harness.driver().advanceWallClockTime(Duration.ofSeconds(5));
            assertThat(newAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.type()).isEqualTo(AlertType.DEVICE_OFFLINE);
                assertThat(alert.lastSeen()).isEqualTo(T0);
                assertThat(alert.location()).isEqualTo("hall-A");
                assertThat(alert.sensorType()).isNull();
                assertThat(alert.value()).isNull();
            });
            assertThat(state("d1").online()).isFalse();
            harness.driver().advanceWallClockTime(Duration.ofMinutes(3));
            assertThat(newAlerts()).as("offline once, not at every check").isEmpty();

            read("d1", TEMP, 20, T0 + 10 * MINUTE);
            assertThat(newAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.type()).isEqualTo(AlertType.DEVICE_ONLINE);
                assertThat(alert.lastSeen()).isEqualTo(T0);
                assertThat(alert.eventTime()).isEqualTo(T0 + 10 * MINUTE);
            });
            assertThat(state("d1").online()).isTrue();
        }

        @Test
        void onTheStreamTimeClockSilenceIsMeasuredByOtherDevicesReadings() {
            start(Map.of("iot.heartbeat.clock", "stream-time"));
            read("quiet", TEMP, 20, T0);
            read("busy", TEMP, 20, T0 + 59 * SECOND);
            harness.driver().advanceWallClockTime(Duration.ofHours(1));
            assertThat(newAlerts()).as("the wall clock does not count").isEmpty();

            read("busy", TEMP, 20, T0 + 65 * SECOND);
            assertThat(newAlerts()).singleElement().satisfies(alert -> {
                assertThat(alert.deviceId()).isEqualTo("quiet");
                assertThat(alert.type()).isEqualTo(AlertType.DEVICE_OFFLINE);
                assertThat(alert.lastSeen()).isEqualTo(T0);
            });
        }

        @Test
        void theTimeoutIsConfigurableAndABadClockStopsTheApp() {
            start(Map.of("iot.heartbeat.timeout", "10s", "iot.heartbeat.check-interval", "1s"));
            read("d1", TEMP, 20, T0);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(newAlerts()).extracting(IotAlert::type).containsExactly(AlertType.DEVICE_OFFLINE);

            Map<String, String> bad = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                    "iot.heartbeat.clock", "sundial");
            assertThatThrownBy(() -> ConfiguredApp.of(new IotMonitoringApp(), bad))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("iot.heartbeat.clock").hasMessageContaining("wall-clock, stream-time");
        }
    }

    @Test
    void theSameDeviceSensorAndTypeAlertAtMostOncePerCooldown() {
        start();
        register("d1", "hall-A", null, 30.0);
        read("d1", TEMP, 31, T0);
        read("d1", TEMP, 31, T0 + 4 * MINUTE + 59 * SECOND);
        read("d1", "pressure", 31, T0 + 2 * MINUTE);
        assertThat(newAlerts()).hasSize(1);
        read("d1", TEMP, 31, T0 + 5 * MINUTE);
        assertThat(newAlerts()).hasSize(1);
    }

    @Nested
    class Queries {

        @Test
        void aDeviceShowsItsStatusLastReadingAndRunningStatisticsPerSensor() {
            start();
            for (int i = 0; i < 5; i++) {
                read("d1", TEMP, 20 + i, T0 + i * SECOND);
            }
            read("d1", "humidity", 40, T0 + 5 * SECOND);

            TopologyHarness.JsonAnswer answer = harness.ask("/devices/d1");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode device = answer.body();
            assertThat(device.path("deviceId").asText()).isEqualTo("d1");
            assertThat(device.path("status").asText()).isEqualTo("ONLINE");
            assertThat(device.path("lastEventTime").asLong()).isEqualTo(T0 + 5 * SECOND);
            JsonNode temperature = device.path("sensors").path(TEMP);
            assertThat(temperature.path("lastValue").asDouble()).isEqualTo(24.0);
            assertThat(temperature.path("lastTime").asLong()).isEqualTo(T0 + 4 * SECOND);
            assertThat(temperature.path("count").asLong()).isEqualTo(5);
            assertThat(temperature.path("mean").asDouble()).isBetween(20.0, 24.0);
            assertThat(temperature.path("stddev").asDouble()).isPositive();
            assertThat(device.path("sensors").path("humidity").path("count").asLong()).isEqualTo(1);
            assertThat(harness.ask("/devices/d9").status()).isEqualTo(404);
        }

        @Test
        void devicesAreListedAllOrByStatus() {
            start();
            read("d1", TEMP, 20, T0);
            read("d2", TEMP, 20, T0);
            read("d3", TEMP, 20, T0);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(30));
            read("d2", TEMP, 20, T0 + 30 * SECOND);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(35));

            assertThat(deviceIds("/devices?status=offline")).containsExactly("d1", "d3");
            assertThat(deviceIds("/devices?status=ONLINE")).containsExactly("d2");
            assertThat(deviceIds("/devices")).containsExactlyInAnyOrder("d1", "d2", "d3");
            assertThatThrownBy(() -> harness.ask("/devices?status=sleeping"))
                    .isInstanceOf(BadQueryException.class)
                    .hasMessage("status must be online or offline, was 'sleeping'");
        }

        @Test
        void devicesComeInPagesSortedByIdAfterTheCursor() {
            start();
            for (String device : List.of("d5", "d1", "d4", "d2", "d3")) {
                read(device, TEMP, 20, T0);
            }
            assertThat(deviceIds("/devices?limit=2")).containsExactly("d1", "d2");
            assertThat(deviceIds("/devices?limit=2&after=d2")).containsExactly("d3", "d4");
            assertThat(deviceIds("/devices?limit=2&after=d4")).containsExactly("d5");
            assertThat(deviceIds("/devices?status=online&after=d3")).containsExactly("d4", "d5");
            assertThatThrownBy(() -> harness.ask("/devices?limit=1001"))
                    .isInstanceOf(BadQueryException.class)
                    .hasMessage("limit must be a whole number from 1 to 1000, was '1001'");
        }

        @Test
        void alertsAreCountedByType() {
            start(Map.of("iot.heartbeat.timeout", "10s", "iot.heartbeat.check-interval", "1s"));
            register("d1", "hall-A", null, 30.0);
            read("d1", TEMP, 31, T0);
            read("d2", TEMP, 20, T0);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(alertCount("THRESHOLD_HIGH")).isEqualTo(1);
            assertThat(alertCount("DEVICE_OFFLINE")).isEqualTo(2);
            assertThat(alertCount("ANOMALY")).isNull();
        }

        private List<String> deviceIds(String path) {
            TopologyHarness.JsonAnswer answer = harness.ask(path);
            assertThat(answer.status()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            answer.body().forEach(device -> ids.add(device.path("deviceId").asText()));
            return ids;
        }

        private Double alertCount(String type) {
            for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
                MetricName name = metric.getKey();
                if (name.group().equals("stream-iot-metrics") && name.name().equals("alerts-total")
                        && type.equals(name.tags().get("alert-type"))) {
                    return (Double) metric.getValue().metricValue();
                }
            }
            return null;
        }
    }

    @Nested
    class Limits {

        @Test
        void unknownDevicesAreAcceptedByDefaultAndCanBeSparedTheOfflineAlerts() {
            start(Map.of("iot.devices.unknown", "accept-without-offline", "iot.heartbeat.timeout", "10s",
                    "iot.heartbeat.check-interval", "1s"));
            register("known", "hall-A", null, null);
            read("known", TEMP, 20, T0);
            read("stray", TEMP, 20, T0);
            harness.driver().advanceWallClockTime(Duration.ofSeconds(10));
            assertThat(newAlerts()).extracting(IotAlert::deviceId, IotAlert::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("known", AlertType.DEVICE_OFFLINE));

            read("stray", TEMP, 21, T0 + 2 * MINUTE);
            assertThat(stats.readValuesToList()).extracting(DeviceStats::deviceId).as("still in the statistics")
                    .containsExactly("known", "stray");
            assertThat(newAlerts()).as("no online alert for what never went offline").isEmpty();
        }

        @Test
        void unknownDevicesCanBeDeadLetteredUntilTheyAreRegistered() {
            start(Map.of("iot.devices.unknown", "dead-letter"));
            read("stray", TEMP, 20, T0);
            assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.INVALID)).isEqualTo(1);
            assertThat(state("stray")).as("nothing of it is kept").isNull();

            register("stray", "hall-B", null, 30.0);
            read("stray", TEMP, 31, T0 + 1);
            assertThat(newAlerts()).extracting(IotAlert::type).containsExactly(AlertType.THRESHOLD_HIGH);
            devices.pipeInput("stray", (Device) null);
            read("stray", TEMP, 31, T0 + 2);
            assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.INVALID)).as("unregistered again")
                    .isEqualTo(2);
        }

        @Test
        void aSensorTypeBeyondTheDevicesCapIsDeadLetteredWithItsReason() {
            start(Map.of("iot.device.max-sensor-types", "2"));
            read("d1", "a", 1, T0);
            read("d1", "b", 2, T0 + 1);
            read("d1", "c", 3, T0 + 2);
            read("d1", "a", 4, T0 + 3);

            TestOutputTopic<String, String> deadLetters = harness.driver().createOutputTopic(
                    harness.context().deadLetterTopic(), new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.StringDeserializer());
            org.apache.kafka.streams.test.TestRecord<String, String> letter = deadLetters.readRecord();
            assertThat(letter.key()).isEqualTo("d1");
            assertThat(letter.value()).contains("\"sensorType\":\"c\"").contains("\"value\":3.0");
            assertThat(header(letter, "__streams.errors.message")).isEqualTo(
                    "device d1 already has 2 sensor types (iot.device.max-sensor-types); a new type is refused");
            assertThat(header(letter, "__streams.errors.topic")).isEqualTo("iot-readings");
            assertThat(header(letter, "__streams.errors.offset")).isEqualTo("2");
            assertThat(deadLetters.isEmpty()).isTrue();
            assertThat(state("d1").sensors()).containsOnlyKeys("a", "b");
            assertThat(state("d1").sensors().get("a").lastValue()).isEqualTo(4.0);
            assertThat(metric("dead-letters-total", "reason", "sensor-types")).isEqualTo(1.0);
        }

        @Test
        void overlongIdsAndValuesBeyondTheMagnitudeLimitAreInvalid() {
            start(Map.of("iot.reading.max-id-length", "8", "iot.reading.max-magnitude", "1e6"));
            read("123456789", TEMP, 1, T0);
            read("d1", "123456789", 1, T0);
            read("d1", "t", 1_000_001, T0);
            read("d1", "t", -1_000_001, T0);
            assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.INVALID)).isEqualTo(4);

            read("12345678", "12345678", 1e6, T0);
            read("d1", "t", -1e6, T0);
            assertThat(state("12345678")).isNotNull();
            assertThat(state("d1")).isNotNull();
        }

        @Test
        void readingsAtTheDefaultMagnitudeLimitKeepEveryStatisticFinite() {
            start();
            for (int i = 0; i < 40; i++) {
                read("d1", TEMP, i % 2 == 0 ? 1e100 : -1e100, T0 + i * SECOND);
            }
            read("d1", TEMP, 1e101, T0 + 41 * SECOND);
            read("d1", TEMP, 0, T0 + 3 * MINUTE);
            assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.INVALID)).isEqualTo(1);
            assertThat(stats.readValuesToList()).first().satisfies(window -> {
                assertThat(window.count()).isEqualTo(40);
                assertThat(window.mean()).isCloseTo(0.0, within(1e86));
                assertThat(window.stddev()).isCloseTo(1e100, within(1e86));
            });
            assertThat(state("d1").sensors().get(TEMP).baseline().mean()).isFinite();
            assertThat(state("d1").sensors().get(TEMP).baseline().stddev()).isFinite().isPositive();
        }

        private String header(org.apache.kafka.streams.test.TestRecord<String, String> record, String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }

        private Double metric(String name, String tag, String value) {
            for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
                MetricName metricName = metric.getKey();
                if (metricName.group().equals("stream-iot-metrics") && metricName.name().equals(name)
                        && value.equals(metricName.tags().get(tag))) {
                    return (Double) metric.getValue().metricValue();
                }
            }
            return null;
        }
    }

    @Test
    void nonFiniteAndIncompleteReadingsAreDeadLetteredAndTheAppCarriesOn() {
        start();
        TestInputTopic<byte[], byte[]> raw = harness.rawInput("iot-readings");
        raw.pipeInput(bytes("d1"), bytes("{\"deviceId\":\"d1\",\"sensorType\":\"t\",\"value\":NaN,\"timestamp\":1}"));
        raw.pipeInput(bytes("d1"), bytes("{\"deviceId\":\"d1\",\"sensorType\":\"t\",\"value\":\"Infinity\",\"timestamp\":1}"));
        raw.pipeInput(bytes("d1"), bytes("{\"deviceId\":\"d1\",\"sensorType\":\"t\",\"timestamp\":1}"));
        raw.pipeInput(bytes("d1"), bytes("{\"sensorType\":\"t\",\"value\":1,\"timestamp\":1}"));
        raw.pipeInput(bytes("d1"), bytes("{\"deviceId\":\"d1\",\"sensorType\":\"t\",\"value\":1}"));
        register("d1", null, null, 30.0);
        read("d1", TEMP, 31, T0);

        // a NaN token is not JSON; "Infinity" as text decodes to a double that the validator refuses
        assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.UNDECODABLE)).isEqualTo(1);
        assertThat(harness.deadLettered("iot-readings", DeadLetterCounter.INVALID)).isEqualTo(4);
        assertThat(newAlerts()).extracting(IotAlert::type).containsExactly(AlertType.THRESHOLD_HIGH);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
