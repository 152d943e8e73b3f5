package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the outputs must be: the app's own topology run on the same records, in the order they were sent, in one
 * {@code TopologyTestDriver}: one task, no crash, no restart, nothing processed twice. The readings of a device are
 * processed in the order sent in both runs (one partition each, keyed by device), and event time grows within every
 * partition, so no reading is late in either; per partition, then, the fleet's outputs must be these, record for record.
 *
 * <p>Offline events come from the driver's wall clock, moved past the heartbeat timeout once every reading is in: of
 * those, the devices that stopped reporting must give exactly theirs; the devices that report to the end none.
 */
final class CrashReference {

    /** An alert as compared: every field but the wall-clock {@code detectedAt}, and the record's timestamp. */
    record Alert(IotAlert value, long timestamp) {
        static Alert of(IotAlert alert, long timestamp) {
            return new Alert(new IotAlert(alert.alertId(), alert.deviceId(), alert.sensorType(), alert.type(),
                    alert.value(), alert.eventTime(), 0, alert.location(), alert.threshold(), alert.expected(),
                    alert.zScore(), alert.lastSeen()), timestamp);
        }
    }

    /** A stats record as compared: key, value and timestamp. */
    record Stats(String key, DeviceStats value, long timestamp) {
    }

    private final List<Stats> stats;
    private final List<Alert> alerts;
    private final Map<String, IotAlert> offline;
    private final int deadLetters;

    private CrashReference(List<Stats> stats, List<Alert> alerts, Map<String, IotAlert> offline, int deadLetters) {
        this.stats = stats;
        this.alerts = alerts;
        this.offline = offline;
        this.deadLetters = deadLetters;
    }

    /**
     * @param settings   the app's settings as the fleet runs them (the {@code iot.*} keys matter here)
     * @param tailRounds how many tail rounds the fleet may see: the reference checks that none after the first changes
     *                   anything, so it does not matter how many of them the fleet processed before it stopped
     */
    static CrashReference compute(CrashTraffic traffic, Map<String, String> settings, int tailRounds, Duration heartbeat) {
        Map<String, String> harnessSettings = new HashMap<>(settings);
        // the driver's clock starts at TopologyHarness.START, long before these readings: none is "in the future" here
        harnessSettings.put("event.time.max-future", "3650d");
        try (TopologyHarness harness = TopologyHarness.of(new IotMonitoringApp(), harnessSettings)) {
            AppContext context = harness.context();
            TestInputTopic<String, Device> registry = harness.input(IotMonitoringApp.devices(context));
            traffic.registry().forEach(device -> registry.pipeInput(device.deviceId(), device));
            TestInputTopic<byte[], byte[]> readings = harness.rawInput(IotMonitoringApp.readings(context).name());
            TestOutputTopic<String, DeviceStats> statsOut = harness.output(IotMonitoringApp.stats(context));
            TestOutputTopic<String, IotAlert> alertsOut = harness.output(IotMonitoringApp.alerts(context));
            traffic.rounds().forEach(round -> round.forEach(record -> pipe(readings, record)));
            traffic.tailRound().forEach(record -> pipe(readings, record));
            List<Stats> stats = statsOut.readRecordsToList().stream()
                    .map(record -> new Stats(record.key(), record.value(), record.timestamp())).toList();
            List<Alert> alerts = alertsOut.readRecordsToList().stream()
                    .map(record -> Alert.of(record.value(), record.timestamp())).toList();
            for (int round = 1; round < tailRounds; round++) {
                traffic.tailRound().forEach(record -> pipe(readings, record));
            }
            assertThat(statsOut.isEmpty() && alertsOut.isEmpty())
                    .as("the tail rounds after the first change nothing (premise of the test)").isTrue();
            int deadLetters = harness.driver().createOutputTopic(context.deadLetterTopic(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readRecordsToList().size();

            harness.driver().advanceWallClockTime(heartbeat.multipliedBy(2));
            Set<String> stoppers = traffic.stoppers().stream().map(CrashTraffic.Plan::id).collect(Collectors.toSet());
            Map<String, IotAlert> offline = alertsOut.readValuesToList().stream()
                    .filter(alert -> alert.type() == AlertType.DEVICE_OFFLINE && stoppers.contains(alert.deviceId()))
                    .collect(Collectors.toMap(IotAlert::deviceId, alert -> Alert.of(alert, 0).value()));
            return new CrashReference(stats, alerts, offline, deadLetters);
        }
    }

    private static void pipe(TestInputTopic<byte[], byte[]> topic, ProducerRecord<byte[], byte[]> record) {
        topic.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp()));
    }

    /** Every stats record, in the order one task wrote them: per partition, the fleet's must be the same sequence. */
    List<Stats> stats() {
        return stats;
    }

    /** Every alert raised by a reading (thresholds, anomalies), in the order written. */
    List<Alert> alerts() {
        return alerts;
    }

    /** By device, the offline alert of each device that stopped reporting ({@code eventTime} and {@code detectedAt} 0). */
    Map<String, IotAlert> offline() {
        return offline;
    }

    /** Dead letters the app writes itself (a third sensor type); the poison records' are Kafka Streams'. */
    int appDeadLetters() {
        return deadLetters;
    }
}
