package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.FakeClock.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.MonitorRules;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.ReadingValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SensorGeneratorTest {

    private static final long TWO_HOURS = 2 * 3_600_000L;
    private static final double RATE = 20;
    private static final List<Output> OUTPUTS = FakeClock.run(new SensorGenerator(11, RATE, START), TWO_HOURS, 1000);
    private static final List<IotTruth> TRUTHS = FakeClock.truths(OUTPUTS, IotTruth.class);

    @Test
    void theSameSeedGivesTheSameTrafficHoweverTheClockTicks() {
        assertThat(FakeClock.runIrregularly(new SensorGenerator(11, RATE, START), TWO_HOURS, 4000, 5))
                .isEqualTo(OUTPUTS);
        assertThat(FakeClock.run(new SensorGenerator(12, RATE, START), 60_000, 1000))
                .isNotEqualTo(FakeClock.run(new SensorGenerator(11, RATE, START), 60_000, 1000));
    }

    @Test
    void theRegistryComesFirstThenValidReadingsKeyedByDevice() {
        List<Output> registry = FakeClock.records(OUTPUTS, "iot-devices");
        List<Output> readings = FakeClock.records(OUTPUTS, "iot-readings");
        ReadingValidator validator = new ReadingValidator();
        List<String> problems = new ArrayList<>();
        for (Output output : readings) {
            Reading reading = (Reading) output.value();
            validator.problems(reading).forEach(problem -> problems.add(reading + ": " + problem));
            if (!output.key().equals(reading.deviceId()) || output.time() != reading.timestamp()) {
                problems.add(reading + ": key or time wrong");
            }
        }

        assertThat(problems).isEmpty();
        assertThat(OUTPUTS.subList(0, registry.size())).isEqualTo(registry);
        assertThat(registry).allSatisfy(output -> {
            Device device = (Device) output.value();
            assertThat(output.key()).isEqualTo(device.deviceId());
            assertThat(device.location()).isNotBlank();
            assertThat(device.thresholds()).isNotEmpty();
        });
        assertThat(readings.size() / (TWO_HOURS / 1000.0)).isBetween(RATE * 0.95, RATE * 1.1);
    }

    /**
     * The ground truth against the app's own monitor at its defaults: every reading in order with the wall clock at
     * its event time, and the heartbeat checked every second.
     */
    @Test
    void theGroundTruthIsExactlyWhatTheDeviceMonitorRaises() {
        DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(4, 30, 0.05, Duration.ofSeconds(60),
                Duration.ofMinutes(5)));
        Map<String, Device> registry = new HashMap<>();
        Map<String, DeviceState> states = new TreeMap<>();
        List<IotAlert> alerts = new ArrayList<>();
        for (Output output : OUTPUTS) {
            long now = output.time();
            for (Map.Entry<String, DeviceState> device : states.entrySet()) {
                // the heartbeat at every whole second up to now; a device is offline at most once per silence
                DeviceState state = device.getValue();
                long check = Math.floorDiv(state.lastSeenAt() + 60_000 + 999, 1000) * 1000;
                if (state.online() && check <= now) {
                    DeviceMonitor.Outcome outcome = monitor.onSilence(device.getKey(), state,
                            () -> Optional.ofNullable(registry.get(device.getKey())), check, state.lastSeenAt(), check)
                            .orElseThrow();
                    device.setValue(outcome.state());
                    alerts.addAll(outcome.alerts());
                }
            }
            if (output.value() instanceof Device device) {
                registry.put(device.deviceId(), device);
            } else if (output.value() instanceof Reading reading) {
                DeviceMonitor.Outcome outcome = monitor.onReading(reading,
                        Optional.ofNullable(states.get(reading.deviceId())),
                        Optional.ofNullable(registry.get(reading.deviceId())), now);
                states.put(reading.deviceId(), outcome.state());
                alerts.addAll(outcome.alerts());
            }
        }
        TreeSet<String> raised = alerts.stream().map(SensorGeneratorTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> expected = TRUTHS.stream().map(SensorGeneratorTest::key)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(raised).isEqualTo(expected);
        Map<String, Long> perType = TRUTHS.stream()
                .collect(Collectors.groupingBy(IotTruth::type, Collectors.counting()));
        assertThat(perType.keySet()).contains("ANOMALY", "THRESHOLD_HIGH", "THRESHOLD_LOW", "DEVICE_OFFLINE",
                "DEVICE_ONLINE");
        assertThat(perType.get("ANOMALY")).isGreaterThanOrEqualTo(20);
        assertThat(perType.get("DEVICE_OFFLINE")).isGreaterThanOrEqualTo(10);
    }

    @Test
    void noTwoAlertsOfOneTypeOnOneSensorFallWithinTheCooldown() {
        Map<String, Long> last = new HashMap<>();
        for (IotTruth truth : TRUTHS) {
            String key = truth.deviceId() + "/" + truth.sensorType() + "/" + truth.type();
            Long before = last.put(key, truth.eventTime());
            if (before != null) {
                assertThat(truth.eventTime() - before).as(key).isGreaterThanOrEqualTo(5 * 60_000);
            }
            assertThat(truth.why()).isNotBlank();
        }
    }

    /** An alert and a truth line alike: offline by the device's last reading, the rest by their reading. */
    private static String key(IotAlert alert) {
        return alert.type() == io.streamsuite.iot.AlertType.DEVICE_OFFLINE
                ? alert.deviceId() + " OFFLINE after " + alert.lastSeen()
                : alert.deviceId() + " " + alert.sensorType() + " " + alert.type() + " @" + alert.eventTime();
    }

    private static String key(IotTruth truth) {
        return truth.type().equals("DEVICE_OFFLINE")
                ? truth.deviceId() + " OFFLINE after " + truth.lastSeen()
                : truth.deviceId() + " " + truth.sensorType() + " " + truth.type() + " @" + truth.eventTime();
    }
}
