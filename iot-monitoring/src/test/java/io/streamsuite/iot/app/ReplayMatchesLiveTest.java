package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * History drained at full speed, silence judged on stream time, gives the statistics and alerts that the same
 * readings gave live, as they arrived with the wall clock moving and silence judged on it: a day of readings 5
 * minutes apart from 20 devices (the spacing at which a window store opened a RocksDB segment for almost every
 * reading), with a device silent for an hour, spikes and threshold crossings.
 */
class ReplayMatchesLiveTest {

    private static final long T0 = TopologyHarness.START.toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final int DEVICES = 20;
    private static final long SPAN = 24 * 60 * MINUTE;
    private static final long INTERVAL = 5 * MINUTE;
    private static final Map<String, String> COMMON = Map.of("iot.heartbeat.timeout", "12m",
            "iot.heartbeat.check-interval", "1m", "iot.anomaly.warm-up", "30");

    private record Outputs(List<TestRecord<String, DeviceStats>> stats, List<IotAlert> alerts) {
    }

    private static List<Reading> history() {
        Random random = new Random(5);
        List<Reading> readings = new ArrayList<>();
        for (long round = 0; round * INTERVAL < SPAN; round++) {
            for (int d = 0; d < DEVICES; d++) {
                long at = T0 + round * INTERVAL + (INTERVAL * d) / DEVICES + random.nextInt(1000);
                boolean silent = d == 3 && at > T0 + 10 * 60 * MINUTE && at < T0 + 11 * 60 * MINUTE;
                if (silent) {
                    continue;
                }
                double value = 20 + random.nextGaussian() + (d == 5 && round % 97 == 50 ? 40 : 0);
                readings.add(new Reading("device-" + d, d % 2 == 0 ? "temperature" : "humidity", value, "u", at));
            }
        }
        return readings;
    }

    private static Outputs run(List<Reading> readings, boolean live) {
        Map<String, String> settings = new HashMap<>(COMMON);
        settings.put("iot.heartbeat.clock", live ? "wall-clock" : "stream-time");
        try (TopologyHarness harness = TopologyHarness.of(new IotMonitoringApp(), settings)) {
            TestInputTopic<String, Device> devices = harness.input(IotMonitoringApp.devices(harness.context()));
            for (int d = 0; d < DEVICES; d += 2) {
                devices.pipeInput("device-" + d, new Device("device-" + d, "hall-" + d,
                        Map.of("temperature", new Device.Range(17.5, 22.5))));
            }
            TestInputTopic<String, Reading> input = harness.input(IotMonitoringApp.readings(harness.context()));
            long wallClock = T0;
            for (Reading reading : readings) {
                if (live && reading.timestamp() > wallClock) {
                    harness.driver().advanceWallClockTime(Duration.ofMillis(reading.timestamp() - wallClock));
                    wallClock = reading.timestamp();
                }
                input.pipeInput(reading.deviceId(), reading);
            }
            return new Outputs(harness.output(IotMonitoringApp.stats(harness.context())).readRecordsToList(),
                    harness.output(IotMonitoringApp.alerts(harness.context())).readValuesToList());
        }
    }

    /**
     * An alert without what depends on when it was noticed: the wall-clock {@code detectedAt}, and for an offline
     * alert the check's time ({@code eventTime}), which is a wall-clock tick live and a stream time in a replay.
     */
    private static IotAlert identity(IotAlert alert) {
        long eventTime = alert.type() == AlertType.DEVICE_OFFLINE ? 0 : alert.eventTime();
        return new IotAlert(alert.alertId(), alert.deviceId(), alert.sensorType(), alert.type(), alert.value(),
                eventTime, 0, alert.location(), alert.threshold(), alert.expected(), alert.zScore(), alert.lastSeen());
    }

    @Test
    void aReplayGivesEveryStatisticAndAlertOfTheLiveRun() {
        List<Reading> readings = history();
        Outputs live = run(readings, true);
        Outputs replay = run(readings, false);

        assertThat(live.stats()).hasSizeGreaterThan(readings.size() - 2 * DEVICES);
        assertThat(replay.stats()).hasSameSizeAs(live.stats());
        for (int i = 0; i < live.stats().size(); i++) {
            assertThat(replay.stats().get(i).key()).isEqualTo(live.stats().get(i).key());
            assertThat(replay.stats().get(i).value()).isEqualTo(live.stats().get(i).value());
            assertThat(replay.stats().get(i).timestamp()).isEqualTo(live.stats().get(i).timestamp());
        }

        Comparator<IotAlert> byId = Comparator.comparing(IotAlert::alertId);
        List<IotAlert> liveAlerts = live.alerts().stream().map(ReplayMatchesLiveTest::identity).sorted(byId).toList();
        List<IotAlert> replayAlerts = replay.alerts().stream().map(ReplayMatchesLiveTest::identity).sorted(byId).toList();
        assertThat(replayAlerts).isEqualTo(liveAlerts);
        assertThat(liveAlerts).extracting(IotAlert::type).contains(AlertType.THRESHOLD_HIGH, AlertType.THRESHOLD_LOW,
                AlertType.ANOMALY, AlertType.DEVICE_OFFLINE, AlertType.DEVICE_ONLINE);
        assertThat(liveAlerts).filteredOn(alert -> alert.type() == AlertType.DEVICE_OFFLINE)
                .extracting(IotAlert::deviceId).containsExactly("device-3");
    }
}
