package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.alertsByTransaction;
import static io.streamsuite.fraud.app.FraudJarRecords.blocklistRecords;
import static io.streamsuite.fraud.app.FraudJarRecords.expectedAlerts;
import static io.streamsuite.fraud.app.FraudJarRecords.freePort;
import static io.streamsuite.fraud.app.FraudJarRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.topologies.testing.HostileCorpus;
import io.streamsuite.topologies.testing.HostileCorpus.Hostile;
import io.streamsuite.topologies.testing.HostileInputRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped jar fed what an attacker or a broken producer would send (issue 22's hostile corpus), in JSON and in
 * Avro, spread among generated traffic on one partition so that every bad record sits between good ones, then
 * thousands of bad records under distinct random keys. Every bad record must be dead-lettered with a reason, exactly
 * once; the good ones must give exactly their alerts; the app must never exit, stay within its pod's memory (1 GiB,
 * run with {@code -XX:+ExitOnOutOfMemoryError} as the image runs it) and log nothing of a payload. In Avro, the schema
 * registry also goes away while records with a schema id the app has not seen arrive: an outage, not bad input, so
 * those records wait and are processed once the registry is back, none dead-lettered.
 */
class HostileInputJarIT {

    static final long SEED = Long.getLong("hostile.seed", 22L);
    /** Bad records under distinct random keys after the corpus; {@code -Dhostile.garbage-keys=1000000} for a million. */
    static final int GARBAGE_KEYS = Integer.getInteger("hostile.garbage-keys", 2_000);

    static final String REFUSED = "refused by the app: ";
    /** The reasons the app gives for its own refusals, in part. */
    static final Map<String, String> REASONS = Map.of(
            REFUSED + "a negative amount", "amount is negative",
            REFUSED + "no card", "cardId is missing",
            REFUSED + "an id of 312 characters", "transactionId is longer than",
            REFUSED + "a time two days ahead", "ahead of this instance's clock");

    static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest(name = "serde.format={0}")
    @ValueSource(strings = {"json", "avro"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBadRecordIsDeadLetteredAndTheGoodOnesGiveExactlyTheirAlerts(String format) throws Exception {
        // four days back: the traffic spans over three, and the app refuses event times ahead of its clock
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(4));
        FraudTraffic traffic = FraudTraffic.generate(SEED, 2 * FraudTraffic.FRAUD_CARDS, start);
        String appId = format + "-hostile-it";
        int port = freePort();
        try (HostileInputRun run = HostileInputRun.of(kafka, format, dir)) {
            Map<String, String> properties = new TreeMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", appId,
                    "http.port", Integer.toString(port),
                    "topics.create", "true",
                    "topics.partitions", "1",
                    "topic.transactions", format + "-hostile-transactions",
                    "topic.fraud-alerts", format + "-hostile-fraud-alerts",
                    "topic.fraud-blocklist", format + "-hostile-fraud-blocklist",
                    "topic.fraud-rules", format + "-hostile-fraud-rules"));
            properties.putAll(run.appProperties());
            AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
            TopicSpec<String, Transaction> transactions = FraudDetectionApp.transactions(context);
            kafka.createTopic(FraudDetectionApp.blocklist(context).name(), 1, Map.of("cleanup.policy", "compact"));
            kafka.produce(blocklistRecords(traffic, FraudDetectionApp.blocklist(context)));

            List<Hostile> corpus = corpus(run, format, transactions);
            run.send(transactions.name(), appId, good(traffic, transactions), corpus,
                    utf8(HostileCorpus.MARKER + "-card"), GARBAGE_KEYS, SEED);
            run.start(FraudJarRecords.JAR, properties, Path.of("target", "hostile-input-jar-it-" + format + ".log"));
            run.awaitProcessed(Duration.ofMinutes(3));

            run.assertBadRecordsDeadLetteredAndAppUnharmed(REASONS);
            assertThat(alertsByTransaction(kafka.readAll(FraudDetectionApp.alerts(context).name(), Duration.ofSeconds(30)),
                    FraudDetectionApp.alerts(context))).isEqualTo(expectedAlerts(traffic));
            String keyless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/cards/keyless-card")).build(), BodyHandlers.ofString()).body();
            assertThat(keyless).as("the keyless transaction, counted on its card").contains("\"transactionCount\":1");
            System.out.printf("[%s] hostile corpus: %d kinds, %d bad records (%d under random keys), %d alerts,"
                            + " peak RSS %d MB%n", format, corpus.size(), run.badCount(), GARBAGE_KEYS,
                    traffic.expectedAlerts().size(), run.peakRssBytes() >> 20);
            run.stopCleanly();
        }
    }

    /** The traffic's transactions, and a valid one without a key, which is not bad input: the app keys it by its card. */
    private static List<ProducerRecord<byte[], byte[]>> good(FraudTraffic traffic, TopicSpec<String, Transaction> transactions) {
        String topic = transactions.name();
        List<ProducerRecord<byte[], byte[]>> good = new ArrayList<>();
        for (Transaction tx : traffic.transactions()) {
            good.add(new ProducerRecord<>(topic, null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                    transactions.valueSerde().serializer().serialize(topic, tx)));
        }
        good.add(new ProducerRecord<>(topic, null, transactions.valueSerde().serializer().serialize(topic,
                transaction("keyless", "keyless-card", 5.0, Instant.now().toEpochMilli()))));
        return good;
    }

    /**
     * The hostile corpus of the format, and the app's own refusals: a negative amount, a missing card, an id beyond
     * {@code fraud.max-id-length}, a time far in the future.
     */
    private static List<Hostile> corpus(HostileInputRun run, String format, TopicSpec<String, Transaction> transactions) {
        String topic = transactions.name();
        long now = Instant.now().toEpochMilli();
        List<Hostile> corpus = run.corpus(transaction(HostileCorpus.MARKER + "-tx", HostileCorpus.MARKER + "-card", 12.5, now),
                transactions, SEED);
        Map<String, Transaction> refused = new TreeMap<>(Map.of(
                "a negative amount", transaction(HostileCorpus.MARKER + "-neg", HostileCorpus.MARKER + "-card", -3.0, now),
                "an id of 312 characters", transaction(HostileCorpus.MARKER + "x".repeat(300), HostileCorpus.MARKER + "-card", 3.0, now),
                "a time two days ahead", transaction(HostileCorpus.MARKER + "-future", HostileCorpus.MARKER + "-card", 3.0,
                        now + Duration.ofDays(2).toMillis())));
        if (format.equals("json")) {
            // Avro's schema cannot carry a transaction without a card
            refused.put("no card", transaction(HostileCorpus.MARKER + "-no-card", null, 3.0, now));
        }
        refused.forEach((what, tx) -> corpus.add(new Hostile(REFUSED + what,
                transactions.valueSerde().serializer().serialize(topic, tx))));
        return corpus;
    }

    private static Transaction transaction(String id, String card, double amount, long time) {
        return new Transaction(id, card, null, null, "m-1", null, null, null, amount, "EUR", null, null, time);
    }
}
