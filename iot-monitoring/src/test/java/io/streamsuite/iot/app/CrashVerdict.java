package io.streamsuite.iot.app;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.runtime.AppContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The fleet's committed outputs against {@link CrashReference}: per output, how many records are lost (expected, not
 * there), doubled (there more than once), wrong (there, with other values) or out of order (per partition for the
 * statistics, per device for the alerts), with a few examples of each.
 */
final class CrashVerdict {

    /**
     * One output's tally.
     *
     * @param other what else is wrong with the output, named by {@code otherLabel} (null if nothing else is counted):
     *              sequences that differ from the reference's, offline events too early
     */
    record Tally(String output, int expected, int actual, int lost, int doubled, int wrong, String otherLabel,
                 int other) {
        boolean exact() {
            return lost == 0 && doubled == 0 && wrong == 0 && other == 0 && expected == actual;
        }

        @Override
        public String toString() {
            return String.format("%s %d of %d (lost %d, doubled %d, wrong %d%s)", output, actual, expected,
                    lost, doubled, wrong, otherLabel == null ? "" : ", " + otherLabel + " " + other);
        }
    }

    private final List<Tally> tallies = new ArrayList<>();
    private final List<String> examples = new ArrayList<>();
    private long offlineAfterTimeout;

    List<Tally> tallies() {
        return tallies;
    }

    List<String> examples() {
        return examples;
    }

    /**
     * The longest an offline event came after the earliest it could (its device's last round sent, plus the timeout):
     * the restarts' share, since a task that starts gives its devices a full timeout again.
     */
    long offlineAfterTimeoutMillis() {
        return offlineAfterTimeout;
    }

    boolean exact() {
        return tallies.stream().allMatch(Tally::exact);
    }

    /** Every tally on one line, for the RESULT line and assertion messages. */
    String figures() {
        return String.join("; ", tallies.stream().map(Tally::toString).toList());
    }

    /**
     * @param partitions of the outputs, as of the input: a device's outputs go to the partition of its readings
     */
    void judgeStats(List<CrashReference.Stats> expected, List<ConsumerRecord<byte[], byte[]>> records, AppContext context,
                    int partitions) {
        Map<Integer, List<CrashReference.Stats>> got = new TreeMap<>();
        List<CrashReference.Stats> actual = new ArrayList<>();
        records.stream().sorted(byPartitionAndOffset()).forEach(record -> {
            CrashReference.Stats stats = new CrashReference.Stats(utf8(record.key()), IotMonitoringApp.stats(context)
                    .valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value()),
                    record.timestamp());
            actual.add(stats);
            got.computeIfAbsent(record.partition(), partition -> new ArrayList<>()).add(stats);
        });
        int differing = 0;
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            List<CrashReference.Stats> want = expected.stream()
                    .filter(stats -> CrashTraffic.partitionOf(stats.key(), partitions) == partition).toList();
            if (!want.equals(got.getOrDefault(partition, List.of()))) {
                differing++;
                example("stats of partition %d differ from the reference's sequence", partition);
            }
        }
        tally("stats", expected, actual, stats -> stats.key() + " " + stats.value().sensorType() + " "
                + stats.value().windowStart(), Objects::equals, "partitions whose sequence differs", differing);
    }

    /** The alerts raised by readings: thresholds and anomalies. */
    void judgeReadingAlerts(List<CrashReference.Alert> expected, List<CrashReference.Alert> actual) {
        int differing = 0;
        Map<String, List<CrashReference.Alert>> wantByDevice = byDevice(expected);
        Map<String, List<CrashReference.Alert>> gotByDevice = byDevice(actual);
        for (String device : wantByDevice.keySet()) {
            if (!wantByDevice.get(device).equals(gotByDevice.getOrDefault(device, List.of()))) {
                differing++;
            }
        }
        tally("alerts", expected, actual, alert -> alert.value().alertId(), Objects::equals,
                "devices whose sequence differs", differing);
    }

    /**
     * Offline events: exactly the expected ones (one per device that stopped), each no earlier than the heartbeat
     * timeout after its device's last reading was in Kafka; and no device back online.
     *
     * @param notBefore by device, the earliest wall-clock time its offline event may carry as {@code eventTime}
     */
    void judgeHeartbeats(Map<String, IotAlert> expected, List<IotAlert> actual, Map<String, Long> notBefore) {
        List<IotAlert> want = new ArrayList<>(expected.values());
        Function<IotAlert, IotAlert> comparable = alert -> new IotAlert(alert.alertId(), alert.deviceId(),
                alert.sensorType(), alert.type(), alert.value(), 0, 0, alert.location(), alert.threshold(),
                alert.expected(), alert.zScore(), alert.lastSeen());
        int early = 0;
        for (IotAlert alert : actual) {
            Long earliest = notBefore.get(alert.deviceId());
            if (alert.type() == AlertType.DEVICE_OFFLINE && earliest != null) {
                if (alert.eventTime() < earliest) {
                    early++;
                    example("offline too early, %d ms before the timeout had passed: %s", earliest - alert.eventTime(), alert);
                }
                offlineAfterTimeout = Math.max(offlineAfterTimeout, alert.eventTime() - earliest);
            }
        }
        tally("offline/online events", want, actual, IotAlert::alertId,
                (a, b) -> comparable.apply(a).equals(comparable.apply(b)), "too early", early);
    }

    /** Dead letters by where their record was read: each expected coordinate exactly once. */
    void judgeDeadLetters(List<String> expected, List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> actual = records.stream().map(record -> header(record, DeadLetterHeaders.TOPIC) + "-"
                + header(record, DeadLetterHeaders.PARTITION) + "@" + header(record, DeadLetterHeaders.OFFSET)).toList();
        tally("dead letters", expected, actual, Function.identity(), Objects::equals, null, 0);
    }

    private <T> void tally(String output, List<T> expected, List<T> actual, Function<T, String> identity,
                           BiPredicate<T, T> same, String otherLabel, int other) {
        Map<String, T> want = new HashMap<>();
        expected.forEach(item -> want.put(identity.apply(item), item));
        Map<String, List<T>> got = new TreeMap<>();
        actual.forEach(item -> got.computeIfAbsent(identity.apply(item), key -> new ArrayList<>()).add(item));
        int lost = 0;
        int doubled = 0;
        int wrong = 0;
        for (Map.Entry<String, T> entry : want.entrySet()) {
            List<T> copies = got.getOrDefault(entry.getKey(), List.of());
            if (copies.isEmpty()) {
                lost++;
                example("%s lost: %s", output, entry.getValue());
            }
            if (copies.size() > 1) {
                doubled += copies.size() - 1;
                example("%s %d times: %s", output, copies.size(), entry.getKey());
            }
            for (T copy : copies) {
                if (!same.test(entry.getValue(), copy)) {
                    wrong++;
                    example("%s wrong: expected %s, got %s", output, entry.getValue(), copy);
                }
            }
        }
        for (Map.Entry<String, List<T>> entry : got.entrySet()) {
            if (!want.containsKey(entry.getKey())) {
                wrong += entry.getValue().size();
                example("%s not expected at all: %s", output, entry.getValue().get(0));
            }
        }
        if (want.size() != expected.size()) {
            throw new IllegalStateException(output + ": the reference has two records of one identity");
        }
        tallies.add(new Tally(output, expected.size(), actual.size(), lost, doubled, wrong, otherLabel, other));
    }

    private void example(String format, Object... args) {
        if (examples.size() < 12) {
            examples.add(String.format(format, args));
        }
    }

    private static Map<String, List<CrashReference.Alert>> byDevice(List<CrashReference.Alert> alerts) {
        Map<String, List<CrashReference.Alert>> byDevice = new TreeMap<>();
        alerts.forEach(alert -> byDevice.computeIfAbsent(alert.value().deviceId(), key -> new ArrayList<>()).add(alert));
        return byDevice;
    }

    static Comparator<ConsumerRecord<byte[], byte[]>> byPartitionAndOffset() {
        return Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : utf8(header.value());
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
