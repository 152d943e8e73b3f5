package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.EmbeddedKafka;
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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar, started as a user starts it ({@code java -jar target/fraud-detection.jar <file>}), against a real
 * broker: a few thousand generated transactions with known frauds in, exactly those frauds out.
 */
class FraudDetectionJarIT {

    private static final Path JAR = Path.of("target", "fraud-detection.jar");
    private static final String APP_ID = "fraud-it";
    private static final int PARTITIONS = 3;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void alertsExactlyTheInjectedFraudsAndDeadLettersThePoison() {
        // recent event times, so that the broker's time-based retention keeps every record
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3));
        FraudTraffic traffic = FraudTraffic.generate(42, 250, start);

        kafka.createTopic("transactions", PARTITIONS);
        kafka.createTopic("fraud-blocklist", 1, Map.of("cleanup.policy", "compact"));
        kafka.produce(blocklistRecords(traffic));
        kafka.produce(transactionRecords(traffic));
        List<ProducerRecord<byte[], byte[]>> poison = poison();
        kafka.produce(poison);

        AppJar app = AppJar.start(JAR, Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "http.port", "0", // any free port: the app's own may be taken where the tests run
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS)), Path.of("target", "fraud-detection-jar-it.log"));
        try {
            kafka.consume("fraud-alerts", traffic.expectedAlerts().size(), Duration.ofMinutes(2));
            kafka.awaitCaughtUp(APP_ID, Duration.ofMinutes(1));
            // everything is processed and committed: the whole topic, to see any alert too many
            Map<String, Set<String>> alerted =
                    alertsByTransaction(kafka.readAll("fraud-alerts", Duration.ofSeconds(30)));

            assertThat(alerted).isEqualTo(expected(traffic));
            assertDeadLetters(poison.size());
        } finally {
            app.stopCleanly(Duration.ofSeconds(60));
        }
    }

    private static Map<String, Set<String>> expected(FraudTraffic traffic) {
        Map<String, Set<String>> expected = new TreeMap<>();
        traffic.expectedAlerts().forEach((id, rules) ->
                expected.put(id, rules.stream().map(RuleName::name).collect(Collectors.toCollection(TreeSet::new))));
        return expected;
    }

    private static List<ProducerRecord<byte[], byte[]>> blocklistRecords(FraudTraffic traffic) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        traffic.blocklist().forEach((key, reason) -> records.add(new ProducerRecord<>("fraud-blocklist",
                utf8(key), utf8("{\"reason\": \"" + reason + "\", \"addedAt\": 0}"))));
        return records;
    }

    private static List<ProducerRecord<byte[], byte[]>> transactionRecords(FraudTraffic traffic) {
        JsonSerde<Transaction> serde = JsonSerde.of(Transaction.class);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Transaction tx : traffic.transactions()) {
            records.add(new ProducerRecord<>("transactions", null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                    serde.serializer().serialize("transactions", tx)));
        }
        return records;
    }

    private static List<ProducerRecord<byte[], byte[]>> poison() {
        return List.of(
                new ProducerRecord<>("transactions", utf8("card-0001"), utf8("{\"transactionId\": \"broken")),
                new ProducerRecord<>("transactions", utf8("card-0001"), utf8("{\"transactionId\": \"neg\","
                        + " \"cardId\": \"card-0001\", \"merchantId\": \"m-001\", \"amount\": -3,"
                        + " \"currency\": \"EUR\", \"timestamp\": 0}")),
                new ProducerRecord<>("transactions", null, utf8("{\"transactionId\": \"no-card\","
                        + " \"merchantId\": \"m-001\", \"amount\": 3, \"currency\": \"EUR\", \"timestamp\": 0}")));
    }






    private static Map<String, Set<String>> alertsByTransaction(List<ConsumerRecord<byte[], byte[]>> records) {
        JsonSerde<FraudAlert> serde = JsonSerde.of(FraudAlert.class);
        Map<String, Set<String>> alerted = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            FraudAlert alert = serde.deserializer().deserialize("fraud-alerts", record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.cardId());
            assertThat(alerted.put(alert.transactionId(), new TreeSet<>(alert.rules())))
                    .as("one alert for transaction %s", alert.transactionId()).isNull();
        }
        return alerted;
    }

    private static void assertDeadLetters(int count) {
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.consume(APP_ID + "-dlq", count, Duration.ofSeconds(30));
        assertThat(letters).hasSize(count);
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.MESSAGE))
                .anySatisfy(message -> assertThat(message).contains("amount is negative"))
                .anySatisfy(message -> assertThat(message).contains("cardId is missing"))
                .anySatisfy(message -> assertThat(message).contains("Cannot decode Transaction"));
        assertThat(letters).extracting(letter -> header(letter, DeadLetterHeaders.TOPIC)).containsOnly("transactions");
    }


    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
