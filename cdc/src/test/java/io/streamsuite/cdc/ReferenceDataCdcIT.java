package io.streamsuite.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference data kept in a real PostgreSQL, captured by a real Kafka Connect worker running Debezium's connector
 * with the shipped configuration, read by the shipped jars of iot-monitoring and fraud-detection while they run: each
 * INSERT, UPDATE and DELETE changes what the apps raise within seconds, seen on their alert topics.
 *
 * <p>A change reaches an app through its global table, which no input record waits for: the test sends a probe (a
 * reading, a transaction), waits until the app has committed past it, and looks at what the probe raised, until the
 * change shows. Probes are stamped minutes apart in event time so that no cooldown or windowed rule joins in.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ReferenceDataCdcIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataCdcIT.class);

    private static final Path FRAUD_JAR = Path.of("..", "fraud-detection", "target", "fraud-detection.jar");
    private static final Path IOT_JAR = Path.of("..", "iot-monitoring", "target", "iot-monitoring.jar");
    private static final String DATABASE = "reference";
    private static final String IOT_ID = "iot-cdc-it";
    private static final String FRAUD_ID = "fraud-cdc-it";
    /**
     * The most a change may take from its commit in PostgreSQL to the app acting on it: a few seconds on a quiet
     * machine (the test logs each), far more on a loaded one.
     */
    private static final Duration CHANGE_DEADLINE = Duration.ofSeconds(60);
    /** How long the worker and the apps may take to start: about 10 s on a quiet machine, minutes on a loaded one. */
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final Duration CAUGHT_UP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafka kafka;
    private static PostgresServer postgres;
    private static ConnectWorker connect;
    private static AppJar iot;
    private static AppJar fraud;
    private static Path work;
    /** Event time of the next probe: in the past, so never "in the future", and 5 minutes on per probe. */
    private static long nextEventTime = System.currentTimeMillis() - Duration.ofHours(6).toMillis();
    private static int probes;

    @BeforeAll
    static void start() throws IOException {
        work = Files.createTempDirectory("cdc-it");
        kafka = EmbeddedKafka.start();
        for (String table : List.of(IotMonitoringApp.DEVICES.name(), FraudDetectionApp.BLOCKLIST.name())) {
            kafka.createTopic(table, 1, Map.of("cleanup.policy", "compact"));
        }
        kafka.createTopic(IotMonitoringApp.READINGS.name(), 1);
        kafka.createTopic(FraudDetectionApp.TRANSACTIONS.name(), 1);

        // a directory of its own under the system's temporary directory, which the postgres user can reach
        postgres = PostgresServer.start(Files.createTempDirectory("cdc-it-postgres"), 0);
        postgres.psql("postgres", "CREATE DATABASE " + DATABASE);
        postgres.psql(DATABASE, Files.readString(ConnectWorker.DEPLOY.resolve("reference-data.sql")));
        // present before the connector starts: reaches the topic through Debezium's initial snapshot
        postgres.psql(DATABASE, "INSERT INTO devices VALUES ('dev-1', 'hall-A', '{\"temperature\": {\"max\": 50}}')");

        connect = ConnectWorker.start(work.resolve("connect"),
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "listeners", "http://localhost:0"),
                Map.of("database.port", Integer.toString(postgres.port()), "database.dbname", DATABASE),
                Path.of("target", "cdc-it-connect.log"));
        // the apps start beside the worker: they apply the snapshot whenever it arrives, as any later change
        iot = startApp(IOT_JAR, IOT_ID, "iot-monitoring");
        fraud = startApp(FRAUD_JAR, FRAUD_ID, "fraud-detection");
        // the snapshot has been read once the seeded device is in the topic: the connector runs
        try {
            kafka.consume(IotMonitoringApp.DEVICES.name(), 1, STARTUP);
        } catch (AssertionError e) {
            throw new AssertionError("The connector did not snapshot the devices table; worker log:\n"
                    + connect.logTail(60), e);
        }
        for (AppJar app : List.of(iot, fraud)) {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> app.log().contains(" -> RUNNING"));
        }
    }

    private static AppJar startApp(Path jar, String applicationId, String name) {
        return AppJar.start(jar, Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", applicationId,
                "http.port", "0",
                "topics.create", "true",
                "state.dir", work.resolve(name + "-state").toString()), Path.of("target", "cdc-it-" + name + ".log"));
    }

    @AfterAll
    static void stop() {
        for (AppJar app : new AppJar[] {iot, fraud}) {
            if (app != null) {
                app.stop(Duration.ofSeconds(30));
            }
        }
        if (connect != null) {
            connect.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theDeviceRegistryTableDrivesTheIotAlerts() throws Exception {
        // the snapshot: dev-1 allows up to 50 (the app may have started before the snapshot reached its topic)
        JsonNode high = until(System.currentTimeMillis(), "the snapshot of dev-1", () -> thresholdAlert("dev-1", 55));
        assertThat(thresholdAlert("dev-1", 45)).isEmpty();
        assertThat(high.path("type").asText()).isEqualTo("THRESHOLD_HIGH");
        assertThat(high.path("threshold").asDouble()).isEqualTo(50.0);
        assertThat(high.path("location").asText()).isEqualTo("hall-A");

        // a threshold moved: 45 is now too high
        long updated = sql("UPDATE devices SET thresholds = '{\"temperature\": {\"max\": 40}}' WHERE device_id = 'dev-1'");
        JsonNode moved = until(updated, "the new maximum of dev-1", () -> thresholdAlert("dev-1", 45));
        assertThat(moved.path("threshold").asDouble()).isEqualTo(40.0);

        // a device added, with a minimum
        long inserted = sql("INSERT INTO devices VALUES ('dev-2', 'cold-room-1', '{\"temperature\": {\"min\": 2, \"max\": 8}}')");
        JsonNode low = until(inserted, "the new device dev-2", () -> thresholdAlert("dev-2", 1));
        assertThat(low.path("type").asText()).isEqualTo("THRESHOLD_LOW");
        assertThat(low.path("threshold").asDouble()).isEqualTo(2.0);
        assertThat(low.path("location").asText()).isEqualTo("cold-room-1");

        // a device removed: no thresholds any more, so nothing is out of range
        long deleted = sql("DELETE FROM devices WHERE device_id = 'dev-1'");
        until(deleted, "the removal of dev-1", () -> thresholdAlert("dev-1", 45).isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(thresholdAlert("dev-1", 500)).isEmpty();
        // and the other device still has its own
        assertThat(thresholdAlert("dev-2", 9)).hasValueSatisfying(alert -> assertThat(alert.path("type").asText()).isEqualTo("THRESHOLD_HIGH"));
        logTopic(IotMonitoringApp.DEVICES.name());
        assertThat(lastValueOf(IotMonitoringApp.DEVICES.name(), "dev-1")).as("a deleted row is a tombstone").isNull();
    }

    @Test
    void theBlocklistTableDrivesTheFraudAlerts() throws Exception {
        assertThat(fraudAlert("card-1", "m-9")).isEmpty();

        // a merchant blocked
        long blocked = sql("INSERT INTO blocklist (entry_key, reason) VALUES ('merchant:m-9', 'skimming ring')");
        JsonNode merchant = until(blocked, "the blocked merchant", () -> fraudAlert("card-2", "m-9"));
        assertThat(merchant.path("rules").toString()).isEqualTo("[\"BLOCKLISTED_MERCHANT\"]");
        assertThat(merchant.path("reasons").toString()).contains("skimming ring");

        // its reason updated
        long updated = sql("UPDATE blocklist SET reason = 'skimming ring, case 7' WHERE entry_key = 'merchant:m-9'");
        until(updated, "the new reason", () -> fraudAlert("card-3", "m-9")
                .filter(alert -> alert.path("reasons").toString().contains("case 7")));

        // a card blocked, at a merchant that is not
        long card = sql("INSERT INTO blocklist (entry_key, reason) VALUES ('card:card-4', 'reported stolen')");
        JsonNode stolen = until(card, "the blocked card", () -> fraudAlert("card-4", "m-1"));
        assertThat(stolen.path("rules").toString()).isEqualTo("[\"BLOCKLISTED_CARD\"]");

        // the merchant unblocked
        long unblocked = sql("DELETE FROM blocklist WHERE entry_key = 'merchant:m-9'");
        until(unblocked, "the unblocked merchant", () -> fraudAlert("card-5", "m-9").isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(fraudAlert("card-6", "m-9")).isEmpty();
        assertThat(fraudAlert("card-4", "m-9")).hasValueSatisfying(alert -> assertThat(alert.path("rules").toString()).isEqualTo("[\"BLOCKLISTED_CARD\"]"));
        logTopic(FraudDetectionApp.BLOCKLIST.name());
        assertThat(lastValueOf(FraudDetectionApp.BLOCKLIST.name(), "merchant:m-9")).as("a deleted row is a tombstone").isNull();
    }

    /** The value of the key's last record in the topic: null for a tombstone (no value at all, not the JSON null). */
    private static byte[] lastValueOf(String topic, String key) {
        byte[] last = new byte[0];
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(30))) {
            if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                last = record.value();
            }
        }
        return last;
    }

    /** What Debezium wrote, as the README shows it: one line per record, key and value. */
    private static void logTopic(String topic) {
        StringBuilder text = new StringBuilder("The records of " + topic + ":");
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(30))) {
            text.append("\n    ").append(new String(record.key(), StandardCharsets.UTF_8)).append("  ")
                    .append(record.value() == null ? "null (tombstone)" : new String(record.value(), StandardCharsets.UTF_8));
        }
        LOG.info("{}", text);
    }

    /** Runs a statement in the reference database and returns when it was committed (epoch ms). */
    private static long sql(String statement) {
        postgres.psql(DATABASE, statement);
        return System.currentTimeMillis();
    }

    /**
     * Probes until the probe shows the change committed at {@code since}, within {@link #CHANGE_DEADLINE}, and logs
     * how long it took.
     */
    private static <T> T until(long since, String change, ProbeCheck<T> probe) throws Exception {
        while (true) {
            Optional<T> shown = probe.run();
            long elapsed = System.currentTimeMillis() - since;
            if (shown.isPresent()) {
                LOG.info("The apps acted on {} {} ms after its commit", change, elapsed);
                return shown.get();
            }
            if (elapsed > CHANGE_DEADLINE.toMillis()) {
                throw new AssertionError("No app acted on " + change + " within " + CHANGE_DEADLINE
                        + "; Connect's log ends with:\n" + connect.logTail(30));
            }
        }
    }

    @FunctionalInterface
    private interface ProbeCheck<T> {
        Optional<T> run() throws Exception;
    }

    /** Sends a temperature reading, waits until iot-monitoring has processed it, and returns its threshold alert. */
    private static Optional<JsonNode> thresholdAlert(String deviceId, double value) throws IOException {
        long eventTime = nextEventTime();
        kafka.produce(IotMonitoringApp.READINGS.name(), List.of(KeyValue.pair(deviceId, JSON.writeValueAsString(Map.of(
                "deviceId", deviceId, "sensorType", "temperature", "value", value, "unit", "C", "timestamp", eventTime)))));
        kafka.awaitCaughtUp(IOT_ID, CAUGHT_UP);
        return only(IotMonitoringApp.ALERTS.name(), alert -> alert.path("deviceId").asText().equals(deviceId)
                && alert.path("eventTime").asLong() == eventTime && alert.path("type").asText().startsWith("THRESHOLD_"));
    }

    /** Sends a transaction, waits until fraud-detection has processed it, and returns its alert. */
    private static Optional<JsonNode> fraudAlert(String cardId, String merchantId) throws IOException {
        long eventTime = nextEventTime();
        String transactionId = "tx-" + probes;
        kafka.produce(FraudDetectionApp.TRANSACTIONS.name(), List.of(KeyValue.pair(cardId, JSON.writeValueAsString(Map.of(
                "transactionId", transactionId, "cardId", cardId, "amount", 25.0, "currency", "EUR",
                "merchantId", merchantId, "channel", "ECOM", "timestamp", eventTime)))));
        kafka.awaitCaughtUp(FRAUD_ID, CAUGHT_UP);
        return only(FraudDetectionApp.ALERTS.name(), alert -> alert.path("transactionId").asText().equals(transactionId));
    }

    private static synchronized long nextEventTime() {
        probes++;
        nextEventTime += Duration.ofMinutes(5).toMillis();
        return nextEventTime;
    }

    /** The one record of the topic that matches, if any; two would be a duplicate alert. */
    private static Optional<JsonNode> only(String topic, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(30))) {
            JsonNode value = parse(record.value());
            if (matching.test(value)) {
                found.add(value);
            }
        }
        assertThat(found).as("alerts of one probe in %s", topic).hasSizeLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(new String(value, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
