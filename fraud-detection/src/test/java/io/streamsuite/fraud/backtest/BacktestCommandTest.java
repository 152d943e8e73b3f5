package io.streamsuite.fraud.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments end the backtest in one line on stderr with exit code 2, before anything touches Kafka (there is none). */
class BacktestCommandTest {

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void writeProperties() throws Exception {
        file = dir.resolve("fraud-detection.properties");
        Files.write(file, List.of("bootstrap.servers=localhost:1", "state.dir=" + dir.resolve("state")));
    }

    static Stream<Arguments> badArguments() {
        String from = "2026-12-07T10:00:00Z";
        String to = "2026-12-07T11:00:00Z";
        return Stream.of(
                Arguments.of(List.of("--backtest", "--from", from),
                        "fraud-detection: --backtest needs the range: both --from and --to; usage: "),
                Arguments.of(List.of("--backtest", "--from", to, "--to", from),
                        "fraud-detection: --from 2026-12-07T11:00:00Z must be before --to 2026-12-07T10:00:00Z"),
                Arguments.of(List.of("--backtest", "--from", from, "--to", to, "--set", "fraud.velocity.max-cont=3"),
                        "fraud-detection: Unknown key 'fraud.velocity.max-cont'"),
                Arguments.of(List.of("--backtest", "--from", from, "--to", to, "--set", "fraud.velocity.max-count=-3"),
                        "fraud-detection: Invalid value '-3' for fraud.velocity.max-count"),
                Arguments.of(List.of("--backtest", "--from", from, "--to", to, "--set", "topic.transactions=tx-eu,tx-us"),
                        "fraud-detection: --backtest reads one input topic, but topic.transactions is"),
                Arguments.of(List.of("--backtest", "--from", from, "--to", to, "--confirmed", "missing.jsonl"),
                        "fraud-detection: --confirmed missing.jsonl cannot be read"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void refusesBadArgumentsInOneLineWithExitCode2(List<String> arguments, String expectedStart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of(file.toString()), arguments.stream()).toArray(String[]::new);

        int exit = new BacktestCommand(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(args);

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().startsWith(expectedStart);
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
