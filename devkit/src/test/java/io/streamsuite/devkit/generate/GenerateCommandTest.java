package io.streamsuite.devkit.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.devkit.Devkit;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionValidator;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void fraudToAFileWritesTheCountOfTransactionsAfterTheBlocklist() throws Exception {
        Path file = dir.resolve("fraud.jsonl");
        Path truth = dir.resolve("truth.jsonl");

        int exit = run("generate", "fraud", "--count", "500", "--seed", "3", "--rate", "0", "--quiet",
                "--out", file.toString(), "--ground-truth", truth.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> lines = read(file);
        assertThat(lines.size()).isGreaterThanOrEqualTo(500);
        List<JsonNode> transactions = lines.stream().filter(line -> line.get("topic").asText().equals("transactions"))
                .toList();
        assertThat(transactions).hasSize(500);
        assertThat(lines.get(0).get("topic").asText()).isEqualTo("fraud-blocklist");
        TransactionValidator validator = new TransactionValidator();
        for (JsonNode line : transactions) {
            Transaction tx = JSON.treeToValue(line.get("value"), Transaction.class);
            assertThat(validator.problems(tx)).isEmpty();
            assertThat(line.get("key").asText()).isEqualTo(tx.cardId());
        }
        assertThat(read(truth)).allSatisfy(line -> {
            assertThat(line.get("domain").asText()).isEqualTo("fraud");
            assertThat(line.get("rules").isArray()).isTrue();
        });
        assertThat(out.toString()).startsWith("generate fraud: 500 transactions sent in ").contains(file.toString());
    }

    @Test
    void theSameSeedWritesTheSameTrafficButForTheTimes() throws Exception {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");

        run("generate", "clickstream", "--count", "300", "--seed", "9", "--rate", "0", "--quiet", "--out",
                first.toString());
        run("generate", "clickstream", "--count", "300", "--seed", "9", "--rate", "0", "--quiet", "--out",
                second.toString());

        assertThat(withoutTimes(read(second))).isEqualTo(withoutTimes(read(first)));
    }

    @Test
    void aPacedRunSendsOnTheWallClock() throws Exception {
        Path file = dir.resolve("iot.jsonl");
        long before = System.currentTimeMillis();

        int exit = run("generate", "iot", "--count", "200", "--rate", "400", "--quiet", "--out", file.toString());

        long after = System.currentTimeMillis();
        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> readings = read(file).stream()
                .filter(line -> line.get("topic").asText().equals("iot-readings")).toList();
        assertThat(readings).hasSize(200);
        assertThat(readings).allSatisfy(line -> assertThat(line.get("value").get("timestamp").asLong())
                .isBetween(before, after));
        assertThat(after - before).isLessThan(10_000);
    }

    @Test
    void avroNeedsKafkaAndAReachableRegistryAndSaysSoInOneLine() throws Exception {
        Path file = dir.resolve("x");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;

        assertThat(run("generate", "iot", "--format", "avro", "--schema-registry-url", nowhere, "--out", file.toString()))
                .isEqualTo(2);
        assertThat(run("generate", "iot", "--format", "avro", "--bootstrap-servers", "localhost:9", "--count", "1"))
                .isEqualTo(2);
        assertThat(run("generate", "iot", "--format", "xml", "--out", file.toString())).isEqualTo(2);
        assertThat(run("generate", "iot", "--format", "avro", "--schema-registry-url", nowhere,
                "--bootstrap-servers", "localhost:9", "--count", "1")).isEqualTo(2);
        assertThat(run("generate", "iot", "--schema-registry-url", nowhere, "--out", file.toString())).isEqualTo(2);
        assertThat(run("generate", "iot", "--format", "avro", "--schema-registry-url", "localhost:8081",
                "--bootstrap-servers", "localhost:9", "--count", "1")).isEqualTo(2);
        System.out.print(err);

        assertThat(err.toString().lines()).containsExactly(
                "devkit generate iot: --out writes JSON lines; --format avro writes to Kafka only (--bootstrap-servers)",
                "devkit generate iot: --format avro needs --schema-registry-url (the apps' schema.registry.url),"
                        + " e.g. http://localhost:8081",
                "devkit generate iot: Invalid --format 'xml': expected one of json, avro, avro-single-object",
                "devkit generate iot: Schema registry unreachable (3 attempts at 1 URL(s), schema.registry.url): "
                        + nowhere + "/subjects/devkit-reachability-check-value/versions/latest: connection refused",
                "devkit generate iot: --schema-registry-url goes with --format avro only, not json",
                "devkit generate iot: Invalid --schema-registry-url 'localhost:8081': expected one or more http(s) URLs"
                        + " separated by commas");
        assertThat(file).doesNotExist();
    }

    @Test
    void aDestinationIsRequiredAndOnlyOne() {
        assertThat(run("generate", "fraud", "--count", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-servers", "--out");

        assertThat(run("generate", "fraud", "--out", "a", "--bootstrap-servers", "localhost:9092")).isEqualTo(2);
    }

    @Test
    void badNumbersAndDurationsAreRefused() {
        Path file = dir.resolve("x");
        assertThat(run("generate", "fraud", "--out", file.toString(), "--rate", "-1")).isEqualTo(2);
        assertThat(run("generate", "fraud", "--out", file.toString(), "--count", "0")).isEqualTo(2);
        assertThat(run("generate", "fraud", "--out", file.toString(), "--duration", "30")).isEqualTo(2);
        assertThat(err.toString()).contains("'30' is not a duration");
        assertThat(run("generate", "fraud", "--out", file.toString(), "--rate", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rate 0 (as fast as possible) needs --count or --duration");
        assertThat(run("generate", "fraud", "--out", dir.resolve("no/such/dir/x").toString(), "--count", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Cannot write --out");
        assertThat(run("generate")).isEqualTo(2);
    }

    @Test
    void aDurationBoundsTheEventTimes() throws Exception {
        Path file = dir.resolve("clicks.jsonl");

        long before = System.currentTimeMillis();
        int exit = run("generate", "clickstream", "--duration", "2m", "--rate", "0", "--quiet", "--out",
                file.toString());

        assertThat(exit).isZero();
        List<Long> times = read(file).stream().map(line -> line.get("value").get("timestamp").asLong()).toList();
        assertThat(times.get(times.size() - 1) - times.get(0)).isBetween(110_000L, 120_000L);
        // as fast as possible, so backdated to end about now
        assertThat(times.get(0)).isBetween(before - 121_000, before - 119_000);
        // 2 minutes of the default 50 events per second
        assertThat(times.size()).isBetween(5000, 7000);
        assertThat(out.toString()).containsPattern("event times span (1m5\\d|2m00)s");
    }

    private int run(String... args) {
        CommandLine command = Devkit.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> withoutTimes(List<JsonNode> lines) {
        return lines.stream().map(line -> line.toString().replaceAll("\"timestamp\":\\d+", "")).toList();
    }
}
