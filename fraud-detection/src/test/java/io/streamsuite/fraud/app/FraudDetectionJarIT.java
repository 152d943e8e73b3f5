package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.alertsByTransaction;
import static io.streamsuite.fraud.app.FraudJarRecords.blocklistRecords;
import static io.streamsuite.fraud.app.FraudJarRecords.expectedAlerts;
import static io.streamsuite.fraud.app.FraudJarRecords.freePort;
import static io.streamsuite.fraud.app.FraudJarRecords.header;
import static io.streamsuite.fraud.app.FraudJarRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.CloudEventRecords;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped jar, started as a user starts it ({@code java -jar target/fraud-detection.jar <file>}), as two instances
 * sharing the work against a real broker: a few thousand generated transactions with known frauds in, exactly those
 * frauds out, and every card's profile answered right by either instance, whichever owns the card; in JSON and in
 * Avro (Confluent wire format, against the test registry), with some of the transactions sent as CloudEvents.
 */
class FraudDetectionJarIT {

    private static final String APP_ID = "fraud-it";
    private static final int PARTITIONS = 3;

    private static EmbeddedKafka kafka;
    private static TestSchemaRegistry registry;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /**
     * In each format, a tenth of the transactions arrive as CloudEvents in structured mode and a tenth in binary mode
     * (JSON data, as other systems send them), the rest plain in the format.
     */
    @ParameterizedTest(name = "serde.format={0}")
    @ValueSource(strings = {"json", "avro"})
    void twoInstancesAlertExactlyTheInjectedFraudsDeadLetterThePoisonAndAnswerForEveryCard(String format) throws Exception {
        // recent event times, so that the broker's time-based retention keeps every record
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3));
        FraudTraffic traffic = FraudTraffic.generate(42, 250, start);
        // topics, group and dead-letter topic of their own per format
        String prefix = format + "-";
        String appId = prefix + APP_ID;
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "http.advertised.host", "127.0.0.1",
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "serde.format", format,
                "topic.transactions", prefix + "transactions",
                "topic.fraud-blocklist", prefix + "fraud-blocklist",
                "topic.fraud-rules", prefix + "fraud-rules",
                "topic.fraud-alerts", prefix + "fraud-alerts"));
        if (format.equals("avro")) {
            properties.put("schema.registry.url", registry.url());
        }
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
        TopicSpec<String, Transaction> transactions = FraudDetectionApp.transactions(context);
        TopicSpec<String, FraudAlert> alerts = FraudDetectionApp.alerts(context);

        kafka.createTopic(transactions.name(), PARTITIONS);
        kafka.createTopic(FraudDetectionApp.blocklist(context).name(), 1, Map.of("cleanup.policy", "compact"));
        kafka.produce(blocklistRecords(traffic, FraudDetectionApp.blocklist(context)));
        kafka.produce(transactionRecords(traffic, transactions));
        List<ProducerRecord<byte[], byte[]>> poison = poison(transactions, format);
        kafka.produce(poison);

        int[] ports = {freePort(), freePort()};
        List<AppJar> instances = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                Map<String, String> instance = new TreeMap<>(properties);
                instance.put("http.port", Integer.toString(ports[i]));
                instances.add(AppJar.start(FraudJarRecords.JAR, instance, Path.of("target", "fraud-detection-jar-it-" + format + "-" + i + ".log")));
            }
            kafka.consume(alerts.name(), traffic.expectedAlerts().size(), Duration.ofMinutes(2));
            kafka.awaitCaughtUp(appId, Duration.ofMinutes(1));
            // everything is processed and committed: the whole topic, to see any alert too many
            Map<String, Set<String>> alerted = alertsByTransaction(kafka.readAll(alerts.name(), Duration.ofSeconds(30)), alerts);

            assertThat(alerted).isEqualTo(expectedAlerts(traffic));
            assertDeadLetters(appId + "-dlq", transactions.name(), poison.size(), format);
            assertEveryCardIsAnsweredByBothInstances(traffic, ports);
            assertAlertsAreCountedPerRuleOnMetrics(traffic, ports);
        } finally {
            for (AppJar app : instances) {
                app.stopCleanly(Duration.ofSeconds(60));
            }
        }
    }

    /**
     * Each card's profile asked of both instances: the same right answer from each, and between them both instances
     * served some, so both answering locally and forwarding were exercised.
     */
    private static void assertEveryCardIsAnsweredByBothInstances(FraudTraffic traffic, int[] ports) throws Exception {
        Map<String, List<Transaction>> byCard = traffic.transactions().stream()
                .collect(Collectors.groupingBy(Transaction::cardId, TreeMap::new, Collectors.toList()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> servedBy = new TreeSet<>();
        int forwarded = 0;
        for (int port : ports) {
            for (Map.Entry<String, List<Transaction>> card : byCard.entrySet()) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/cards/" + card.getKey())).build(), BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s asked of port %d: %s", card.getKey(), port, answer.body()).isEqualTo(200);
                JsonNode profile = JsonMappers.mapper().readTree(answer.body());
                List<Transaction> sent = card.getValue();
                assertThat(profile.path("transactionCount").asLong()).as("count of %s", card.getKey()).isEqualTo(sent.size());
                assertThat(profile.path("meanAmount").asDouble()).as("mean of %s", card.getKey())
                        .isCloseTo(sent.stream().mapToDouble(Transaction::amount).average().orElseThrow(), within(1e-6));
                assertThat(profile.path("lastTransactionTime").asLong()).as("last of %s", card.getKey())
                        .isEqualTo(sent.stream().mapToLong(Transaction::timestamp).max().orElseThrow());
                String server = answer.headers().firstValue("X-Streams-Served-By").orElseThrow();
                servedBy.add(server);
                if (!server.equals("127.0.0.1:" + port)) {
                    forwarded++;
                }
            }
        }
        assertThat(servedBy).containsExactlyInAnyOrder("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        assertThat(forwarded).as("answers forwarded to the owner").isGreaterThan(0).isLessThan(2 * byCard.size());
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[0] + "/cards/no-such-card")).build(), BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"cardId 'no-such-card' not found\"}");
    }

    /**
     * Every rule that fired has its {@code kafka_stream_fraud_alerts_total} series on some instance's {@code /metrics}.
     * The counts are per task and restart when a task moves, as Kafka's own task metrics do, so the sum over the
     * instances is at most the number of alerts (exact counts are checked in {@code FraudDetectionAppTest}).
     */
    private static void assertAlertsAreCountedPerRuleOnMetrics(FraudTraffic traffic, int[] ports) {
        Map<String, Long> expected = new TreeMap<>();
        traffic.expectedAlerts().values().forEach(rules -> rules.forEach(rule -> expected.merge(rule.name(), 1L, Long::sum)));
        HttpClient http = HttpClient.newHttpClient();
        Pattern series = Pattern.compile("(?m)^kafka_stream_fraud_alerts_total\\{[^}]*rule=\"([A-Z_]+)\"[^}]*} ([0-9.E]+)$");
        // the metrics of new sensors reach /metrics at its next refresh (every 10 s)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Double> counted = new TreeMap<>();
            for (int port : ports) {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        BodyHandlers.ofString()).body();
                Matcher line = series.matcher(metrics);
                while (line.find()) {
                    counted.merge(line.group(1), Double.parseDouble(line.group(2)), Double::sum);
                }
            }
            assertThat(counted.keySet()).isEqualTo(expected.keySet());
            counted.forEach((rule, count) -> assertThat(count).as(rule).isPositive().isLessThanOrEqualTo(expected.get(rule)));
        });
    }

    /** Every tenth transaction a structured-mode CloudEvent, every tenth from the fifth a binary-mode one. */
    private static List<ProducerRecord<byte[], byte[]>> transactionRecords(FraudTraffic traffic,
                                                                          TopicSpec<String, Transaction> transactions) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int i = 0;
        for (Transaction tx : traffic.transactions()) {
            ProducerRecord<byte[], byte[]> record = switch (i++ % 10) {
                case 0 -> CloudEventRecords.structured(transactions.name(), traffic.kafkaKey(tx), tx);
                case 5 -> CloudEventRecords.binary(transactions.name(), traffic.kafkaKey(tx), tx);
                default -> new ProducerRecord<>(transactions.name(), null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                        transactions.valueSerde().serializer().serialize(transactions.name(), tx));
            };
            records.add(new ProducerRecord<>(record.topic(), null, tx.timestamp(), record.key(), record.value(),
                    record.headers()));
        }
        return records;
    }

    /** A record in the wrong encoding, one that decodes but breaks the contract, and an invalid CloudEvent. */
    private static List<ProducerRecord<byte[], byte[]>> poison(TopicSpec<String, Transaction> transactions, String format) {
        String topic = transactions.name();
        byte[] wrongEncoding = format.equals("json") ? utf8("{\"transactionId\": \"broken") : utf8("{\"transactionId\": \"json\"}");
        Transaction negative = new Transaction("neg", "card-0001", null, null, "m-001", null, null, null, -3.0, "EUR",
                null, null, 0L);
        Transaction noCard = new Transaction("no-card", null, null, null, "m-001", null, null, null, 3.0, "EUR",
                null, null, 0L);
        return List.of(
                new ProducerRecord<>(topic, utf8("card-0001"), wrongEncoding),
                new ProducerRecord<>(topic, utf8("card-0001"), transactions.valueSerde().serializer().serialize(topic, negative)),
                CloudEventRecords.structured(topic, null, noCard));
    }

    private static void assertDeadLetters(String deadLetterTopic, String topic, int count, String format) {
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.consume(deadLetterTopic, count, Duration.ofSeconds(30));
        assertThat(letters).hasSize(count);
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.MESSAGE))
                .anySatisfy(message -> assertThat(message).contains("amount is negative"))
                .anySatisfy(message -> assertThat(message).contains("cardId is missing"))
                .anySatisfy(message -> assertThat(message).contains(format.equals("json")
                        ? "Cannot decode Transaction" : "Unknown magic byte 0x7b"));
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.TOPIC)).containsOnly(topic);
    }
}
