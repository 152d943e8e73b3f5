package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.alertsByTransaction;
import static io.streamsuite.fraud.app.FraudJarRecords.blocklistRecords;
import static io.streamsuite.fraud.app.FraudJarRecords.expectedAlerts;
import static io.streamsuite.fraud.app.FraudJarRecords.freePort;
import static io.streamsuite.fraud.app.FraudJarRecords.header;
import static io.streamsuite.fraud.app.FraudJarRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corpus of poison records spread among generated traffic, on one partition so that every poison record sits
 * between good ones: each poison record is dead-lettered with its reason, the app keeps running, and the good records
 * between them give exactly the alerts they must.
 */
class PoisonPillJarIT {

    static final String APP_ID = "poison-it";
    static final String TRANSACTIONS = "poison-transactions";
    static final String ALERTS = "poison-fraud-alerts";
    static final String BLOCKLIST = "poison-fraud-blocklist";

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** Each poison record's value, by what it is, with a part of the reason its dead letter must give. */
    static Map<String, String[]> corpus() {
        String valid = "\"transactionId\":\"p-%s\",\"cardId\":\"poison-card\",\"merchantId\":\"m-1\",\"currency\":\"EUR\","
                + "\"timestamp\":" + Instant.now().toEpochMilli();
        Map<String, String[]> corpus = new LinkedHashMap<>();
        corpus.put("truncated JSON", new String[] {"{\"transactionId\": \"t", "Cannot decode Transaction"});
        corpus.put("not JSON", new String[] {"not json at all", "Cannot decode Transaction"});
        corpus.put("wrong type", new String[] {"{" + valid.formatted("type") + ",\"amount\":\"twelve\"}", "Cannot decode Transaction"});
        corpus.put("missing required field", new String[] {"{\"transactionId\":\"p-missing\",\"amount\":3,\"currency\":\"EUR\","
                + "\"merchantId\":\"m-1\",\"timestamp\":0}", "cardId is missing"});
        corpus.put("NaN", new String[] {"{" + valid.formatted("nan") + ",\"amount\":NaN}", "Cannot decode Transaction"});
        corpus.put("Infinity", new String[] {"{" + valid.formatted("inf") + ",\"amount\":1e999}", "amount"});
        corpus.put("negative amount", new String[] {"{" + valid.formatted("neg") + ",\"amount\":-3}", "amount is negative"});
        corpus.put("null value", new String[] {null, "value is null"});
        corpus.put("far-future timestamp", new String[] {"{\"transactionId\":\"p-future\",\"cardId\":\"poison-card\","
                + "\"merchantId\":\"m-1\",\"currency\":\"EUR\",\"amount\":5,\"timestamp\":"
                + Instant.now().plus(Duration.ofDays(2)).toEpochMilli() + "}", "ahead of this instance's clock"});
        corpus.put("huge undecodable record", new String[] {"x".repeat(900_000), "Cannot decode Transaction"});
        return corpus;
    }

    @Test
    void everyPoisonRecordIsDeadLetteredWithItsReasonAndTheGoodOnesAroundThemAreExact() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(3));
        FraudTraffic traffic = FraudTraffic.generate(11, 2 * FraudTraffic.FRAUD_CARDS, start);
        kafka.createTopic(TRANSACTIONS, 1);
        kafka.createTopic(BLOCKLIST, 1, Map.of("cleanup.policy", "compact"));
        Map<String, String> properties = Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "topics.create", "true",
                "topics.partitions", "1",
                "topic.transactions", TRANSACTIONS,
                "topic.fraud-alerts", ALERTS,
                "topic.fraud-blocklist", BLOCKLIST,
                "topic.fraud-rules", "poison-fraud-rules");
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
        kafka.produce(blocklistRecords(traffic, FraudDetectionApp.blocklist(context)));

        Map<String, String[]> corpus = corpus();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        JsonSerde<Transaction> serde = JsonSerde.of(Transaction.class);
        List<Transaction> good = traffic.transactions();
        List<String[]> poison = new ArrayList<>(corpus.values());
        int every = good.size() / (poison.size() + 1);
        for (int i = 0; i < good.size(); i++) {
            Transaction tx = good.get(i);
            records.add(new ProducerRecord<>(TRANSACTIONS, null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                    serde.serializer().serialize(TRANSACTIONS, tx)));
            int slot = i / every;
            if (i % every == every - 1 && slot < poison.size()) {
                records.add(new ProducerRecord<>(TRANSACTIONS, utf8("poison-card"), utf8(poison.get(slot)[0])));
            }
        }
        // a valid transaction without a key is not poison: the app keys it by its card
        records.add(new ProducerRecord<>(TRANSACTIONS, null, utf8("{\"transactionId\":\"keyless\",\"cardId\":\"keyless-card\","
                + "\"merchantId\":\"m-1\",\"currency\":\"EUR\",\"amount\":5,\"timestamp\":" + Instant.now().toEpochMilli() + "}")));
        kafka.produce(records);

        int port = freePort();
        Map<String, String> withPort = new TreeMap<>(properties);
        withPort.put("http.port", Integer.toString(port));
        AppJar app = AppJar.start(FraudJarRecords.JAR, withPort, Path.of("target", "poison-pill-jar-it.log"));
        try {
            List<ConsumerRecord<byte[], byte[]>> letters = kafka.consume(APP_ID + "-dlq", corpus.size(), Duration.ofMinutes(2));
            kafka.awaitCaughtUp(APP_ID, Duration.ofMinutes(1));

            assertThat(alertsByTransaction(kafka.readAll(ALERTS, Duration.ofSeconds(30)), FraudDetectionApp.alerts(context)))
                    .isEqualTo(expectedAlerts(traffic));
            List<ConsumerRecord<byte[], byte[]>> all = kafka.readAll(APP_ID + "-dlq", Duration.ofSeconds(30));
            assertThat(all).as("one dead letter per poison record, no more").hasSize(corpus.size());
            for (int i = 0; i < poison.size(); i++) {
                ConsumerRecord<byte[], byte[]> letter = all.get(i);
                assertThat(header(letter, DeadLetterHeaders.MESSAGE)).as(List.copyOf(corpus.keySet()).get(i)).contains(poison.get(i)[1]);
                assertThat(letter.value()).as("the original bytes").isEqualTo(utf8(poison.get(i)[0]));
            }
            String keyless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/cards/keyless-card")).build(), BodyHandlers.ofString()).body();
            assertThat(keyless).contains("\"transactionCount\":1");
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
            assertThat(HttpClient.newHttpClient().send(ready, BodyHandlers.ofString()).statusCode()).as("still running").isEqualTo(200);
            System.out.printf("poison corpus: %d good transactions, %d poison records, %d dead letters, %d alerts%n",
                    good.size() + 1, corpus.size(), all.size(), traffic.expectedAlerts().size());
        } finally {
            app.stopCleanly(Duration.ofSeconds(60));
        }
    }
}
