package io.streamsuite.fraud.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestOptionsTest {

    @Test
    void parsesTheRangeTheChangeAndTheOptions() {
        BacktestOptions options = BacktestOptions.parse("app.properties", "--backtest", "--from", "2026-12-07T10:00:00Z",
                "--to", "2026-12-07T12:00:00+01:00", "--warm-up", "15m", "--set", "fraud.velocity.max-count=3",
                "--confirmed", "frauds.jsonl", "--keep-output");

        assertThat(options.configFile()).isEqualTo(Path.of("app.properties"));
        assertThat(options.from()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(options.to()).isEqualTo(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(options.readFrom()).isEqualTo(Instant.parse("2026-12-07T09:45:00Z"));
        assertThat(options.warmUp()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.sets()).containsExactly("fraud.velocity.max-count=3");
        assertThat(options.confirmed()).contains(Path.of("frauds.jsonl"));
        assertThat(options.keepOutput()).isTrue();
        assertThat(BacktestOptions.requested("a.properties", "--backtest")).isTrue();
        assertThat(BacktestOptions.requested("a.properties", "--reset")).isFalse();
    }

    @Test
    void refusesABadRangeInOneLine() {
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--from", "2026-12-07T10:00:00Z"))
                .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("--backtest needs the range: both --from and --to");
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--from", "2026-12-07T10:00:00Z",
                "--to", "2026-12-07T09:00:00Z"))
                .hasMessage("--from 2026-12-07T10:00:00Z must be before --to 2026-12-07T09:00:00Z");
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--from", "yesterday", "--to", "2026-12-07T09:00:00Z"))
                .hasMessageStartingWith("--from 'yesterday' is not an ISO-8601 date-time with a zone");
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--from", "--to", "2026-12-07T09:00:00Z"))
                .hasMessageStartingWith("--from needs a value after it");
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--describe"))
                .hasMessageStartingWith("Unknown option --describe for --backtest");
        assertThatThrownBy(() -> BacktestOptions.parse("a.properties", "--backtest", "--from", "2026-12-07T10:00:00Z",
                "--to", "2026-12-07T11:00:00Z", "--warm-up", "-5m"))
                .hasMessage("--warm-up '-5m' is not a duration such as PT15M, 15m or 1h");
    }

    @Test
    void readsConfirmedFraudsAsJsonLinesAndDevkitGroundTruth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("confirmed.jsonl");
        Files.write(file, List.of("# confirmed by the chargeback team", "{\"transactionId\":\"tx-1\"}", "",
                "{\"domain\":\"fraud\",\"transactionId\":\"tx-2\",\"rules\":[\"VELOCITY\"]}",
                "{\"domain\":\"iot\",\"deviceId\":\"d-1\",\"type\":\"ANOMALY\"}"));

        assertThat(ConfirmedFrauds.read(file)).containsExactly("tx-1", "tx-2");
    }

    @Test
    void refusesAConfirmedFileItCannotRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("confirmed.jsonl");
        Files.write(file, List.of("{\"transactionId\":\"tx-1\"}", "tx-2"));

        assertThatThrownBy(() -> ConfirmedFrauds.read(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--confirmed " + file + " line 2 is not a JSON object; expected one a line, like {\"transactionId\":\"tx-42\"}");
        assertThatThrownBy(() -> ConfirmedFrauds.read(dir.resolve("missing.jsonl"))).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("--confirmed " + dir.resolve("missing.jsonl") + " cannot be read");
    }
}
