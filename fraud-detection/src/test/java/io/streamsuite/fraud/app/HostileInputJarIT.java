package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.alertsByTransaction;
import static io.streamsuite.fraud.app.FraudJarRecords.blocklistRecords;
import static io.streamsuite.fraud.app.FraudJarRecords.expectedAlerts;
import static io.streamsuite.fraud.app.FraudJarRecords.freePort;
import static io.streamsuite.fraud.app.FraudJarRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
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
    /** The traffic's last transactions, sent with a new writer schema while the registry is down. */
    static final int SENT_DURING_OUTAGE = 20;

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
        boolean avro = format.equals("avro");
        Path journal = dir.resolve(format + "-registry.journal");
        TestSchemaRegistry registry = avro ? TestSchemaRegistry.persistent(0, journal) : null;
        // four days back: the traffic spans over three, and the app refuses event times ahead of its clock
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(4));
        FraudTraffic traffic = FraudTraffic.generate(SEED, 2 * FraudTraffic.FRAUD_CARDS, start);
        String appId = format + "-hostile-it";
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "serde.format", format,
                "topics.create", "true",
                "topics.partitions", "1",
                "topic.transactions", format + "-hostile-transactions",
                "topic.fraud-alerts", format + "-hostile-fraud-alerts",
                "topic.fraud-blocklist", format + "-hostile-fraud-blocklist",
                "topic.fraud-rules", format + "-hostile-fraud-rules"));
        if (avro) {
            properties.put("schema.registry.url", registry.url());
        }
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
        TopicSpec<String, Transaction> transactions = FraudDetectionApp.transactions(context);
        String topic = transactions.name();
        kafka.createTopic(FraudDetectionApp.blocklist(context).name(), 1, Map.of("cleanup.policy", "compact"));
        kafka.produce(blocklistRecords(traffic, FraudDetectionApp.blocklist(context)));

        List<Hostile> corpus = corpus(format, transactions, registry);
        List<ProducerRecord<byte[], byte[]>> good = new ArrayList<>();
        for (Transaction tx : traffic.transactions()) {
            good.add(new ProducerRecord<>(topic, null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                    transactions.valueSerde().serializer().serialize(topic, tx)));
        }
        // a valid transaction without a key is not bad input: the app keys it by its card
        good.add(new ProducerRecord<>(topic, null, transactions.valueSerde().serializer().serialize(topic,
                transaction("keyless", "keyless-card", 5.0, Instant.now().toEpochMilli()))));
        int port = freePort();
        Map<String, String> instance = new TreeMap<>(properties);
        instance.put("http.port", Integer.toString(port));
        try (HostileInputRun run = new HostileInputRun(kafka, topic, appId)) {
            int held = avro ? SENT_DURING_OUTAGE : 0;
            run.send(good.subList(0, good.size() - held), corpus, utf8(HostileCorpus.MARKER + "-card"), GARBAGE_KEYS, SEED);
            run.start(FraudJarRecords.JAR, instance, Path.of("target", "hostile-input-jar-it-" + format + ".log"));
            run.awaitProcessed(Duration.ofMinutes(3));
            if (avro) {
                registry = run.sendDuringARegistryOutage(registry, journal, good.subList(good.size() - held, good.size()),
                        Duration.ofMinutes(2));
            }

            run.assertBadRecordsDeadLetteredAndAppUnharmed(REASONS);
            assertThat(alertsByTransaction(kafka.readAll(FraudDetectionApp.alerts(context).name(), Duration.ofSeconds(30)),
                    FraudDetectionApp.alerts(context))).isEqualTo(expectedAlerts(traffic));
            String keyless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/cards/keyless-card")).build(), BodyHandlers.ofString()).body();
            assertThat(keyless).as("the keyless transaction, counted on its card").contains("\"transactionCount\":1");
            System.out.printf("[%s] hostile corpus: %d kinds, %d bad records (%d under random keys), %d good, "
                            + "%d alerts, peak RSS %d MB%n", format, corpus.size(), run.badCount(), GARBAGE_KEYS,
                    good.size(), traffic.expectedAlerts().size(), run.peakRssBytes() >> 20);
            run.stopCleanly();
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    /**
     * The hostile corpus of the format, and the app's own refusals: a negative amount, a missing card, an id beyond
     * {@code fraud.max-id-length}, a time far in the future.
     */
    private static List<Hostile> corpus(String format, TopicSpec<String, Transaction> transactions, TestSchemaRegistry registry) {
        String topic = transactions.name();
        long now = Instant.now().toEpochMilli();
        Transaction valid = transaction(HostileCorpus.MARKER + "-tx", HostileCorpus.MARKER + "-card", 12.5, now);
        List<Hostile> corpus = new ArrayList<>(format.equals("json")
                ? HostileCorpus.json(HostileCorpus.jsonTree(valid), SEED)
                : HostileCorpus.avro(transactions.valueSerde().serializer().serialize(topic, valid),
                        HostileCorpus.registerAlienSchema(registry), SEED));
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
