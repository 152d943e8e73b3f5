package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.testing.TopologyHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the outputs must be: the app's own topology run on the same records, in the order they were sent, in one
 * {@code TopologyTestDriver} kept open while the test runs: one task, no crash, no restart, nothing processed twice. The readings of a device are
 * processed in the order sent in both runs (one partition each, keyed by device), and event time grows within every
 * partition, so no reading is late in either; per partition, then, the fleet's outputs must be these, record for record.
 *
 * <p>Offline events come from the driver's wall clock, moved past the heartbeat timeout once every reading is in: of
 * those, the devices that stopped reporting must give exactly theirs; the devices that report to the end none.
 */
final class CrashReference implements AutoCloseable {

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

    private final CrashTraffic traffic;
    private final TopologyHarness harness;
    private final TestInputTopic<byte[], byte[]> readings;
    private final TestOutputTopic<String, DeviceStats> statsOut;
    private final TestOutputTopic<String, IotAlert> alertsOut;
    private final List<Stats> stats;
    private final List<Alert> alerts;
    private final int deadLetters;

    /**
     * Runs the live rounds and the first tail round.
     *
     * @param settings the app's settings as the fleet runs them (the {@code iot.*} keys matter here)
     */
    CrashReference(CrashTraffic traffic, Map<String, String> settings) {
        this.traffic = traffic;
        Map<String, String> harnessSettings = new HashMap<>(settings);
        // the driver's clock starts at TopologyHarness.START, long before these readings: none is "in the future" here
        harnessSettings.put("event.time.max-future", "3650d");
        this.harness = TopologyHarness.of(new IotMonitoringApp(), harnessSettings);
        AppContext context = harness.context();
        TestInputTopic<String, Device> registry = harness.input(IotMonitoringApp.devices(context));
        traffic.registry().forEach(device -> registry.pipeInput(device.deviceId(), device));
        readings = harness.rawInput(IotMonitoringApp.readings(context).name());
        statsOut = harness.output(IotMonitoringApp.stats(context));
        alertsOut = harness.output(IotMonitoringApp.alerts(context));
        traffic.rounds().forEach(round -> round.forEach(this::pipe));
        traffic.tailRound().forEach(this::pipe);
        stats = statsOut.readRecordsToList().stream()
                .map(record -> new Stats(record.key(), record.value(), record.timestamp())).toList();
        alerts = alertsOut.readRecordsToList().stream().map(record -> Alert.of(record.value(), record.timestamp())).toList();
        // only the app's own: whether the driver writes Kafka Streams' dead letters of the deserialization path
        // depends on the processing guarantee
        deadLetters = (int) harness.driver().createOutputTopic(context.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList().stream().filter(record -> {
                    Header exception = record.headers().lastHeader(DeadLetterHeaders.EXCEPTION);
                    return exception != null && DeadLetters.REFUSED.equals(CrashVerdict.utf8(exception.value()));
                }).count();
    }

    /**
     * Checks that the tail rounds after the first, as many as the fleet may have seen, change nothing (so it does not
     * matter how many of them it processed before it stopped), then moves the driver's wall clock past the heartbeat
     * timeout for the offline events.
     *
     * @return by device, the offline event of each device that stopped reporting ({@code detectedAt} 0)
     */
    Map<String, IotAlert> finish(int tailRounds, Duration heartbeat) {
        for (int round = 1; round < tailRounds; round++) {
            traffic.tailRound().forEach(this::pipe);
        }
        assertThat(statsOut.readRecordsToList()).as("stats from the tail rounds after the first").isEmpty();
        assertThat(alertsOut.readValuesToList()).as("alerts from the tail rounds after the first").isEmpty();
        harness.driver().advanceWallClockTime(heartbeat.multipliedBy(2));
        Set<String> stoppers = traffic.stoppers().stream().map(CrashTraffic.Plan::id).collect(Collectors.toSet());
        return alertsOut.readRecordsToList().stream().map(record -> Alert.of(record.value(), record.timestamp()).value())
                .filter(alert -> alert.type() == AlertType.DEVICE_OFFLINE && stoppers.contains(alert.deviceId()))
                .collect(Collectors.toMap(IotAlert::deviceId, alert -> alert));
    }

    private void pipe(ProducerRecord<byte[], byte[]> record) {
        readings.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp()));
    }

    @Override
    public void close() {
        harness.close();
    }

    /** Every stats record, in the order one task wrote them: per partition, the fleet's must be the same sequence. */
    List<Stats> stats() {
        return stats;
    }

    /** Every alert raised by a reading (thresholds, anomalies), in the order written. */
    List<Alert> alerts() {
        return alerts;
    }

    /** Dead letters the app writes itself (a third sensor type); the poison records' are Kafka Streams'. */
    int appDeadLetters() {
        return deadLetters;
    }
}
