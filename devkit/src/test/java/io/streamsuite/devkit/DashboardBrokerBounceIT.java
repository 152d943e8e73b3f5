package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.testing.AppJar;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's jar across a broker bounce: the local Kafka stops and starts again on the same data directory, and
 * the dashboard says its data is stale meanwhile, then reads on by itself without a restart.
 */
class DashboardBrokerBounceIT {

    static final Path JAR = Path.of("..", "dashboard", "target", "dashboard.jar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    final HttpClient http = HttpClient.newHttpClient();

    /** A Kafka fault halts the JVM, which here is the test JVM: make it fail the test instead. */
    @BeforeAll
    static void exitFailsTheTest() {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka tried to halt with " + code + ": " + message);
        });
    }

    @AfterAll
    static void restoreExit() {
        Exit.resetHaltProcedure();
    }

    @Test
    void staleWhileTheBrokerIsDownAndLiveAgainAfterItsRestart() throws Exception {
        Path dataDir = temp.resolve("kafka");
        int port = freePort();
        int dashboardPort = freePort();
        LocalKafka kafka = new LocalKafka("localhost", port, freePort(), dataDir).start();
        AppJar dashboard = null;
        try {
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("fraud-alerts", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            dashboard = AppJar.start(JAR, Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "http.host", "127.0.0.1",
                    "http.port", Integer.toString(dashboardPort),
                    // staleness here comes from Kafka being unreachable, not from a quiet topic
                    "dashboard.stale-after", "PT1H"), Path.of("target", "dashboard-bounce-it.log"));
            URI snapshot = URI.create("http://127.0.0.1:" + dashboardPort + "/api/snapshot");

            LocalKafkaTest.produce(kafka.bootstrapServers(), "fraud-alerts", "card-1", alert("a1", "card-1"));
            awaitSnapshot(snapshot, json -> json.path("fraud").path("total").asLong() == 1 && json.path("stale").isMissingNode());

            kafka.close();
            awaitSnapshot(snapshot, json -> json.path("stale").asText().startsWith("Kafka cannot be reached"));
            assertThat(get(snapshot).path("fraud").path("total").asLong()).as("what was read stays").isEqualTo(1);

            kafka = new LocalKafka("localhost", port, freePort(), dataDir).start();
            LocalKafkaTest.produce(kafka.bootstrapServers(), "fraud-alerts", "card-2", alert("a2", "card-2"));
            awaitSnapshot(snapshot, json -> json.path("fraud").path("total").asLong() == 2 && json.path("stale").isMissingNode());
        } finally {
            if (dashboard != null) {
                dashboard.stopCleanly(Duration.ofSeconds(30));
            }
            kafka.close();
        }
    }

    void awaitSnapshot(URI snapshot, java.util.function.Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> condition.test(get(snapshot)));
    }

    JsonNode get(URI uri) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString()).body());
    }

    static String alert(String id, String card) {
        long now = System.currentTimeMillis();
        return "{\"alertId\":\"" + id + "\",\"transactionId\":\"tx-" + id + "\",\"cardId\":\"" + card + "\",\"amount\":12.5,"
                + "\"currency\":\"EUR\",\"merchantId\":\"m-1\",\"rules\":[\"VELOCITY\"],\"riskScore\":50,"
                + "\"reasons\":[\"6 transactions within 60 s (limit 5)\"],\"eventTime\":" + now + ",\"detectedAt\":" + now + "}";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
