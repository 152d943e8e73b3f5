package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --reset} with a replay point: the options, the offsets they resolve to, and the plan that shows them. */
class ReplayTargetTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final TopicPartition P1 = new TopicPartition("orders", 1);
    private static final TopicPartition P2 = new TopicPartition("orders", 2);

    @TempDir
    Path dir;

    @Test
    void aDatetimeNeedsAZone() {
        assertThat(CommandLine.parse("app.properties", "--reset", "--to-datetime", "2026-12-07T11:00:00+01:00").resetTarget())
                .isEqualTo(new ResetTarget.AtTime(Instant.parse("2026-12-07T10:00:00Z"), ""));
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--to-datetime", "2026-12-07T10:00:00"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--to-datetime '2026-12-07T10:00:00' is not an ISO-8601 date-time with a zone, such as"
                        + " 2026-12-07T10:00:00Z or 2026-12-07T11:00:00+01:00");
    }

    @Test
    void aDurationGoesBackFromNow() {
        assertThat(CommandLine.parse(NOW, "app.properties", "--reset", "--by-duration", "90m").resetTarget())
                .isEqualTo(new ResetTarget.AtTime(Instant.parse("2026-12-07T10:30:00Z"), " (90m before now)"));
        assertThat(CommandLine.parse(NOW, "app.properties", "--reset", "--by-duration", "PT2H").resetTarget())
                .isEqualTo(new ResetTarget.AtTime(Instant.parse("2026-12-07T10:00:00Z"), " (PT2H before now)"));
        assertThatThrownBy(() -> CommandLine.parse(NOW, "app.properties", "--reset", "--by-duration", "0s"))
                .hasMessage("--by-duration '0s' must be longer than zero: it goes back from now");
        assertThatThrownBy(() -> CommandLine.parse(NOW, "app.properties", "--reset", "--by-duration", "an hour"))
                .hasMessage("--by-duration 'an hour' is not a duration such as PT1H, 90m or 2h");
    }

    @Test
    void anOffsetsFileListsTopicPartitionOffset() throws IOException {
        Path file = Files.writeString(dir.resolve("offsets.csv"), "# topic,partition,offset\norders,1,40\n\norders, 0 ,7\n");
        assertThat(CommandLine.parse("app.properties", "--reset", "--to-offset", file.toString()).resetTarget())
                .isEqualTo(new ResetTarget.Offsets(Map.of(P0, 7L, P1, 40L), file));
    }

    @Test
    void aBadOffsetsFileStopsItInOneLine() throws IOException {
        assertOffsetsRefused("orders,1", "line 1 'orders,1' is not topic,partition,offset");
        assertOffsetsRefused("orders,one,4", "line 1 'orders,one,4': the partition and the offset must be whole numbers");
        assertOffsetsRefused("orders,1,-4", "line 1 'orders,1,-4': the partition and the offset cannot be negative");
        assertOffsetsRefused("orders,1,4\norders,1,5", "line 2 'orders,1,5': orders-1 is listed twice");
        assertOffsetsRefused("# nothing\n", "lists no topic,partition,offset");
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--to-offset", dir.resolve("missing.csv").toString()))
                .hasMessageStartingWith("--to-offset " + dir.resolve("missing.csv") + " cannot be read");
    }

    private void assertOffsetsRefused(String content, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), content);
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--to-offset", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--to-offset " + file + " " + problem);
    }

    @Test
    void oneReplayPointAndOnlyWithAReset() {
        assertThat(CommandLine.parse("app.properties", "--reset").resetTarget()).isEqualTo(ResetTarget.EARLIEST);
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--by-duration", "1h", "--to-datetime",
                "2026-12-07T10:00:00Z"))
                .hasMessageStartingWith("--by-duration and --to-datetime cannot be combined: a reset has one replay point");
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--to-datetime", "2026-12-07T10:00:00Z"))
                .hasMessageStartingWith("--to-datetime only goes with --reset");
        assertThatThrownBy(() -> CommandLine.parse("app.properties", "--reset", "--to-offset"))
                .hasMessageStartingWith("--to-offset needs a value after it");
    }

    @Test
    void aTimeStartsEachPartitionAtItsFirstRecordThatLateOrAtItsEnd() {
        Map<TopicPartition, Long> earliest = Map.of(P0, 0L, P1, 10L, P2, 0L);
        Map<TopicPartition, Long> latest = Map.of(P0, 100L, P1, 50L, P2, 30L);
        // P1's records before the time were deleted since Kafka answered; P2 has nothing that late
        Map<TopicPartition, Long> atTime = Map.of(P0, 42L, P1, 8L, P2, -1L);

        assertThat(ReplayPoint.atTime(atTime, earliest, latest)).isEqualTo(Map.of(P0, 42L, P1, 10L, P2, 30L));
    }

    @Test
    void anOffsetsFileMustCoverEveryInputPartitionWithinItsRecords() {
        Map<TopicPartition, Long> earliest = Map.of(P0, 0L, P1, 10L);
        Map<TopicPartition, Long> latest = Map.of(P0, 100L, P1, 50L);
        Path file = Path.of("replay.csv");

        assertThat(ReplayPoint.fromFile(new ResetTarget.Offsets(Map.of(P0, 100L, P1, 10L), file), earliest, latest))
                .isEqualTo(Map.of(P0, 100L, P1, 10L));
        assertThatThrownBy(() -> ReplayPoint.fromFile(new ResetTarget.Offsets(Map.of(P0, 5L), file), earliest, latest))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--to-offset replay.csv has no offset for orders-1: list every input partition");
        assertThatThrownBy(() -> ReplayPoint.fromFile(new ResetTarget.Offsets(Map.of(P0, 5L, P1, 12L, P2, 0L), file), earliest, latest))
                .hasMessage("--to-offset replay.csv lists orders-2, not an input partition of the app (inputs: orders-0, orders-1)");
        assertThatThrownBy(() -> ReplayPoint.fromFile(new ResetTarget.Offsets(Map.of(P0, 5L, P1, 9L), file), earliest, latest))
                .hasMessage("--to-offset replay.csv: offset 9 of orders-1 is outside the records it holds, 10 to 50");
        assertThatThrownBy(() -> ReplayPoint.fromFile(new ResetTarget.Offsets(Map.of(P0, 101L, P1, 10L), file), earliest, latest))
                .hasMessage("--to-offset replay.csv: offset 101 of orders-0 is outside the records it holds, 0 to 100");
    }

    @Test
    void theDryRunNamesTheReplayPoint() {
        ResetPlan plan = new ResetPlan("shop", "shop", List.of(
                new ResetPlan.InputOffset(P0, OptionalLong.of(120), 42),
                new ResetPlan.InputOffset(P1, OptionalLong.empty(), 50)),
                List.of(), List.of("shop-totals-store-changelog"), Set.of(), Path.of("/var/lib/streams/shop"), true,
                List.of("dead-letter topic shop-dlq"),
                new ResetTarget.AtTime(Instant.parse("2026-12-07T10:30:00Z"), " (90m before now)"));

        assertThat(plan.describe("kafka:9092")).isEqualTo("""
                Reset of shop, application.id shop, at kafka:9092
                Input offsets of group shop, to the first record at or after 2026-12-07T10:30:00Z (90m before now):
                  orders  partition 0  committed 120 -> 42
                  orders  partition 1  no committed offset -> 50
                Internal topics to delete (the app creates them again, empty, at its next start):
                  shop-totals-store-changelog
                Local state to wipe: /var/lib/streams/shop
                Not touched: dead-letter topic shop-dlq
                """);
        assertThat(new ResetTarget.Offsets(Map.of(P0, 1L), Path.of("replay.csv")).describe()).isEqualTo("to the offsets of replay.csv");
    }
}
