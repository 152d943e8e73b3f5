package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.serde.avro.ConfluentWireFormat;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The local demo in Avro mode, with the parts run-local.sh starts: a schema registry, the fraud-detection jar and the
 * dashboard jar with {@code serde.format=avro}, traffic from {@code devkit generate --format avro}, then
 * {@code summary} and {@code score} reading the Avro alerts. The detection is judged exactly as in JSON mode
 * (LocalSuiteIT): every injected case found, nothing else.
 */
class AvroDemoIT {

    static final Path FRAUD_JAR = Path.of("..", "fraud-detection", "target", "fraud-detection.jar");
    static final Path DASHBOARD_JAR = Path.of("..", "dashboard", "target", "dashboard.jar");
    static final List<Path> APP_JARS = List.of(FRAUD_JAR, Path.of("..", "clickstream", "target", "clickstream.jar"),
            Path.of("..", "iot-monitoring", "target", "iot-monitoring.jar"));
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theFraudDemoInAvroFindsExactlyWhatWasInjectedAndEveryWatcherReadsIt() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             TestSchemaRegistry registry = TestSchemaRegistry.persistent(0, dir.resolve("schemas.jsonl"))) {
            String servers = kafka.bootstrapServers();
            String url = registry.url();
            assertThat(devkit("create-topics", "--bootstrap-servers", servers, "--app", "fraud-detection")).isZero();
            int appPort = freePort();
            int dashboardPort = freePort();
            // both JVMs start at once: the slow part of the test
            AppJar app = AppJar.start(FRAUD_JAR, Map.of("bootstrap.servers", servers, "serde.format", "avro",
                    "schema.registry.url", url, "http.host", "127.0.0.1", "http.port", String.valueOf(appPort)),
                    Path.of("target", "avro-demo-it-fraud.log"));
            AppJar dashboard = AppJar.start(DASHBOARD_JAR, Map.of("bootstrap.servers", servers, "serde.format", "avro",
                    "schema.registry.url", url, "http.host", "127.0.0.1", "http.port", String.valueOf(dashboardPort),
                    "dashboard.fraud-detection.url", "http://127.0.0.1:" + appPort),
                    Path.of("target", "avro-demo-it-dashboard.log"));
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> status(URI.create("http://127.0.0.1:" + appPort + "/health/ready")) == 200);

                // the scenarios need a minute and more of event time: sent as fast as possible, backdated to end now
                Path truth = dir.resolve("fraud.jsonl");
                long generating = System.nanoTime();
                assertThat(devkit("generate", "fraud", "--bootstrap-servers", servers, "--format", "avro",
                        "--schema-registry-url", url, "--rate", "0", "--duration", "60s", "--seed", "7", "--quiet",
                        "--ground-truth", truth.toString())).as("%s", err).isZero();
                System.out.printf("generated in %.1f s: %s", seconds(generating), out);
                long expected = Files.readAllLines(truth).stream().filter(line -> !line.isBlank()).count();
                assertThat(expected).as("flagged transactions in the ground truth").isPositive();
                kafka.awaitCaughtUp("fraud-detection", Duration.ofSeconds(60));

                List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readAll("fraud-alerts", Duration.ofSeconds(30));
                assertThat(alerts).as("one alert per flagged transaction").hasSize((int) expected).allSatisfy(alert -> {
                    assertThat(alert.value()[0]).as("Confluent magic byte").isEqualTo(ConfluentWireFormat.MAGIC_BYTE);
                    assertThat(registry.schema(ConfluentWireFormat.schemaId(alert.value()))).isPresent();
                });
                assertThat(registry.subjects()).contains("transactions-value", "fraud-blocklist-value",
                        "fraud-alerts-value");

                assertThat(devkit("score", "--bootstrap-servers", servers, "--format", "avro", "--schema-registry-url",
                        url, "--ground-truth", truth.toString())).as("%s", err).isZero();
                String score = out.toString();
                assertThat(devkit("summary", "--bootstrap-servers", servers, "--format", "avro", "--schema-registry-url",
                        url, "--from-beginning", "--once")).as("%s", err).isZero();
                String summary = out.toString();
                System.out.printf("%d Avro alerts; score:%n%s%nsummary:%n%s", alerts.size(), score, summary);

                assertThat(score).contains("Every injected case was found, and nothing else.")
                        .containsPattern("fraud +\\S+ +[1-9]");
                assertThat(summary).contains(String.format("fraud   %,d alerts", alerts.size()))
                        .contains("dead letters: 0");
                URI snapshot = URI.create("http://127.0.0.1:" + dashboardPort + "/api/snapshot");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(JSON.readTree(get(snapshot)).path("fraud").path("total").asLong())
                                .as("the dashboard's count").isEqualTo(alerts.size()));
            } finally {
                app.stopCleanly(Duration.ofSeconds(30));
                dashboard.stopCleanly(Duration.ofSeconds(30));
            }
        }
        System.out.printf("Avro demo checked in %.1f s%n", seconds(started));
    }

    @Test
    void noAppJarCarriesTheRegistry() throws IOException {
        for (Path jar : APP_JARS) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.stream().map(entry -> entry.getName()))
                        .as(jar.toString()).isNotEmpty().noneMatch(name -> name.startsWith("io/streamsuite/schemaregistry/"));
            }
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A devkit command in this JVM, as the script runs it; its output replaces the last one's. */
    private int devkit(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine command = Devkit.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), BodyHandlers.discarding())
                .statusCode();
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString()).body();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
