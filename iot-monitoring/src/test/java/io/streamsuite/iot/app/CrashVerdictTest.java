package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The crash test's verdict catches what a crash could do wrong: a record lost, doubled, changed or out of order. */
class CrashVerdictTest {

    private static final int PARTITIONS = 6;
    private static final AppContext CONTEXT =
            ConfiguredApp.of(new IotMonitoringApp(), Map.of("bootstrap.servers", "unused:9092")).context();
    private static final CrashReference.Stats A1 = stats("dev-a", "humidity", 0, 3);
    private static final CrashReference.Stats A2 = stats("dev-a", "temperature", 0, 3);
    private static final CrashReference.Stats A3 = stats("dev-a", "humidity", 60_000, 2);
    private static final List<CrashReference.Stats> EXPECTED = List.of(A1, A2, A3);

    @Test
    void theSameRecordsInTheSameOrderAreExact() {
        assertThat(judgeStats(A1, A2, A3).exact()).isTrue();
    }

    @Test
    void aLostDoubledChangedOrMovedStatsRecordIsNot() {
        assertThat(judgeStats(A1, A3).tallies().get(0).lost()).isEqualTo(1);
        assertThat(judgeStats(A1, A2, A2, A3).tallies().get(0).doubled()).isEqualTo(1);
        assertThat(judgeStats(A1, stats("dev-a", "temperature", 0, 4), A3).tallies().get(0).wrong()).isEqualTo(1);
        CrashVerdict.Tally reordered = judgeStats(A2, A1, A3).tallies().get(0);
        assertThat(reordered.lost() + reordered.doubled() + reordered.wrong()).isZero();
        assertThat(reordered.other()).as("partitions whose sequence differs").isEqualTo(1);
        assertThat(judgeStats(A2, A1, A3).exact()).isFalse();
    }

    @Test
    void anOfflineEventTooEarlyTwiceOrForADeviceThatReportsIsNotExact() {
        IotAlert offline = heartbeat("dev-s", AlertType.DEVICE_OFFLINE, 50_000);
        Map<String, IotAlert> expected = Map.of("dev-s", offline);
        Map<String, Long> notBefore = Map.of("dev-s", 40_000L);
        assertThat(judgeHeartbeats(expected, List.of(offline), notBefore).exact()).isTrue();
        assertThat(judgeHeartbeats(expected, List.of(offline, offline), notBefore).tallies().get(0).doubled()).isEqualTo(1);
        assertThat(judgeHeartbeats(expected, List.of(heartbeat("dev-s", AlertType.DEVICE_OFFLINE, 30_000)), notBefore)
                .tallies().get(0).other()).as("too early").isEqualTo(1);
        assertThat(judgeHeartbeats(expected, List.of(offline, heartbeat("dev-r", AlertType.DEVICE_OFFLINE, 50_000)),
                notBefore).tallies().get(0).wrong()).as("a device that reports, offline").isEqualTo(1);
    }

    @Test
    void aDeadLetterMissingOrTwiceIsNotExact() {
        ConsumerRecord<byte[], byte[]> deadLetter = new ConsumerRecord<>("dlq", 0, 0, new byte[0], new byte[0]);
        deadLetter.headers().add(DeadLetterHeaders.TOPIC, CrashTraffic.utf8("in"))
                .add(DeadLetterHeaders.PARTITION, CrashTraffic.utf8("0"))
                .add(DeadLetterHeaders.OFFSET, CrashTraffic.utf8("7"));
        assertThat(judgeDeadLetters(deadLetter).exact()).isTrue();
        assertThat(judgeDeadLetters().tallies().get(0).lost()).isEqualTo(1);
        assertThat(judgeDeadLetters(deadLetter, deadLetter).tallies().get(0).doubled()).isEqualTo(1);
    }

    @SafeVarargs
    private static CrashVerdict judgeDeadLetters(ConsumerRecord<byte[], byte[]>... actual) {
        CrashVerdict verdict = new CrashVerdict();
        verdict.judgeDeadLetters(List.of("in-0@7"), List.of(actual));
        return verdict;
    }

    private static CrashVerdict judgeStats(CrashReference.Stats... actual) {
        TopicSpec<String, DeviceStats> topic = IotMonitoringApp.stats(CONTEXT);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (CrashReference.Stats stats : actual) {
            int partition = CrashTraffic.partitionOf(stats.key(), PARTITIONS);
            RecordHeaders headers = new RecordHeaders();
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), headers, stats.value());
            records.add(new ConsumerRecord<>(topic.name(), partition, records.size(), stats.timestamp(),
                    TimestampType.CREATE_TIME, -1, value.length, CrashTraffic.utf8(stats.key()), value, headers,
                    Optional.empty()));
        }
        CrashVerdict verdict = new CrashVerdict();
        verdict.judgeStats(EXPECTED, records, CONTEXT, PARTITIONS);
        return verdict;
    }

    private static CrashVerdict judgeHeartbeats(Map<String, IotAlert> expected, List<IotAlert> actual,
                                                Map<String, Long> notBefore) {
        CrashVerdict verdict = new CrashVerdict();
        verdict.judgeHeartbeats(expected, actual, notBefore);
        return verdict;
    }

    private static CrashReference.Stats stats(String device, String sensor, long start, long count) {
        return new CrashReference.Stats(device, new DeviceStats(device, sensor, start, start + 60_000, count, 1, 2, 1.5,
                0.5), start + 59_000);
    }

    private static IotAlert heartbeat(String device, AlertType type, long eventTime) {
        return new IotAlert("id-" + device + "-" + type, device, null, type, null, eventTime, eventTime, null, null,
                null, null, 1_000L);
    }
}
