package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.serde.avro.ConfluentWireFormat;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.ConfluentPythonClient;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with Confluent's own client: transactions produced by its Python {@code AvroProducer} (which
 * registers its own rendering of the schema) are read by the app jar in {@code serde.format=avro}, and the alerts the
 * app writes are read back by Confluent's Python Avro deserializer through the registry.
 */
class ConfluentPythonInteropIT {

    private static final Path TRANSACTION_SCHEMA = Path.of("src", "main", "avro", "transaction.avsc");
    private static final String APP_ID = "fraud-python-interop";
    private static final String TRANSACTIONS = "py-transactions";
    private static final String ALERTS = "py-fraud-alerts";
    /** One more than the velocity rule's default limit of 5 per minute, plus two: three alerts. */
    private static final int TRANSACTIONS_SENT = 8;

    private static EmbeddedKafka kafka;
    private static TestSchemaRegistry registry;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void recordsOfConfluentsPythonClientAreReadAndTheAppsOutputIsReadBackByIt() throws Exception {
        ConfluentPythonClient python = ConfluentPythonClient.connect(kafka.bootstrapServers(), registry.url());
        // one partition: AvroProducer sends without keys, and the velocity rule needs the card's transactions in order
        kafka.createTopic(TRANSACTIONS, 1);
        long t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)).toEpochMilli();
        List<Map<String, Object>> transactions = new ArrayList<>();
        for (int i = 1; i <= TRANSACTIONS_SENT; i++) {
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("transactionId", "py-tx-" + i);
            tx.put("cardId", "card-py");
            tx.put("accountId", null);
            tx.put("customerId", "customer-py");
            tx.put("amount", 10.0 + i);
            tx.put("currency", "EUR");
            tx.put("merchantId", "m-py");
            tx.put("merchantCategory", "5812");
            tx.put("country", "FR");
            tx.put("latitude", null);
            tx.put("longitude", null);
            tx.put("channel", "ECOM");
            tx.put("timestamp", t0 + i * 1_000L);
            transactions.add(tx);
        }

        python.produce(TRANSACTIONS, TRANSACTION_SCHEMA, transactions);

        List<ConsumerRecord<byte[], byte[]>> produced = kafka.consume(TRANSACTIONS, TRANSACTIONS_SENT, Duration.ofSeconds(30));
        int pythonSchemaId = ConfluentWireFormat.schemaId(produced.get(0).value());
        assertThat(registry.schema(pythonSchemaId).map(Schema::getFullName)).contains("io.streamsuite.fraud.avro.Transaction");

        AppJar app = AppJar.start(FraudJarRecords.JAR, Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "http.port", "0",
                "topics.create", "true",
                "topics.partitions", "2",
                "serde.format", "avro",
                "schema.registry.url", registry.url(),
                "topic.transactions", TRANSACTIONS,
                "topic.fraud-alerts", ALERTS), Path.of("target", "fraud-detection-python-interop.log"));
        List<JsonNode> alerts;
        try {
            alerts = python.consume(ALERTS, 3, 90);
        } catch (AssertionError | RuntimeException e) {
            // stop the jar, but report why the client failed rather than how the stop went
            try {
                app.stopCleanly(Duration.ofSeconds(60));
            } catch (AssertionError stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        app.stopCleanly(Duration.ofSeconds(60));

        assertThat(alerts).extracting(alert -> alert.path("value").path("transactionId").asText())
                .containsExactlyInAnyOrder("py-tx-6", "py-tx-7", "py-tx-8");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.path("key").asText()).isEqualTo("card-py");
            assertThat(alert.path("value").path("cardId").asText()).isEqualTo("card-py");
            assertThat(alert.path("value").path("rules")).extracting(JsonNode::asText).containsExactly("VELOCITY");
            assertThat(alert.path("value").path("currency").asText()).isEqualTo("EUR");
            assertThat(registry.schema(alert.path("schema_id").asInt()).map(Schema::getFullName))
                    .contains("io.streamsuite.fraud.avro.FraudAlert");
        });
        assertThat(kafka.readAll(APP_ID + "-dlq", Duration.ofSeconds(5))).isEmpty();
    }
}
