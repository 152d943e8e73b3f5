package io.streamsuite.devkit.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import io.streamsuite.topologies.serde.avro.SchemaRegistryUnavailableException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever the format the apps write, the watchers see the JSON they would write with serde.format=json. */
class ValueDecoderTest {

    static final long T0 = 1_780_000_000_000L;

    /** One event of each shape: optional fields set and missing, enums, nested records, lists. */
    static final Map<String, Object> EVENTS = Map.of(
            "transactions", new Transaction("tx-1", "card-1", null, null, "m-1", "5411", "DE", "POS", 12.5, "EUR", 52.5,
                    13.4, T0),
            "fraud-alerts", new FraudAlert("alert-1", "tx-9", "card-1", 900.0, "EUR", "m-2",
                    List.of("AMOUNT_SPIKE", "VELOCITY"), 85, List.of("amount 900.00 is 12.0x the mean"), T0, T0 + 40),
            "clickstream-top-pages", new TopPages(T0, T0 + 60_000,
                    List.of(new TopPages.PageCount("/home", 12), new TopPages.PageCount("/cart", 3))),
            "clickstream-bot-alerts", new BotAlert("user-7", "RATE", 31, T0, T0 + 10_000, T0 + 10_050),
            "iot-readings", new Reading("dev-1", "temperature", 21.5, "C", T0),
            "iot-alerts", new IotAlert("a-1", "dev-1", "temperature", AlertType.DEVICE_OFFLINE, null, T0, T0 + 5, "hall",
                    null, null, null, T0 - 60_000));

    @Test
    void anAvroRecordOfEachShapeDecodesToTheJsonOfJsonMode() {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            EventSerdes app = EventSerdes.avro(RegistryConfig.of(URI.create(registry.url())));
            // the watcher is another process, with a client of its own
            ValueDecoder avro = new ValueDecoder(EventSerdes.avro(RegistryConfig.of(URI.create(registry.url()))));
            ValueDecoder json = new ValueDecoder(EventSerdes.json());

            EVENTS.forEach((topic, event) -> {
                byte[] avroBytes = bytes(app, topic, event);
                byte[] jsonBytes = bytes(EventSerdes.json(), topic, event);
                Optional<JsonNode> decoded = avro.decode(topic, avroBytes);
                System.out.printf("%-22s %3d Avro bytes (schema id %d) -> %s%n", topic, avroBytes.length, avroBytes[4],
                        decoded.orElse(null));

                assertThat(avroBytes[0]).as("magic byte").isZero();
                assertThat(decoded).as(topic).hasValue(json.decode(topic, jsonBytes).orElseThrow());
            });
            assertThat(registry.subjects()).hasSize(EVENTS.size());
        }
    }

    @Test
    void whatIsNotAnEventOfTheTopicIsSkippedButAnUnreachableRegistryIsNot() {
        byte[] alert;
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            EventSerdes app = EventSerdes.avro(RegistryConfig.of(URI.create(registry.url())));
            ValueDecoder avro = new ValueDecoder(EventSerdes.avro(RegistryConfig.of(URI.create(registry.url()))));
            alert = bytes(app, "fraud-alerts", EVENTS.get("fraud-alerts"));

            assertThat(avro.decode("fraud-alerts", "{\"alertId\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
                    .as("JSON where Avro is expected").isEmpty();
            assertThat(avro.decode("fraud-alerts", new byte[] {0, 0, 0, 0, 99, 2})).as("an unknown schema id").isEmpty();
            assertThat(avro.decode("fraud-detection-dlq", alert)).as("a topic outside the contract").isEmpty();
            assertThat(avro.decode("fraud-alerts", null)).isEmpty();
            assertThat(new ValueDecoder(EventSerdes.json()).decode("fraud-alerts", alert)).as("Avro where JSON is expected")
                    .isEmpty();
        }
        // the registry is gone: a fresh watcher cannot learn the writer's schema, and must say so rather than count nothing
        ValueDecoder late = new ValueDecoder(EventSerdes.avro(RegistryConfig.of(URI.create("http://127.0.0.1:9"))
                .withRequestTimeout(Duration.ofSeconds(1))));
        assertThatThrownBy(() -> late.decode("fraud-alerts", alert))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @SuppressWarnings("unchecked")
    private static byte[] bytes(EventSerdes serdes, String topic, Object event) {
        Class<Object> type = (Class<Object>) event.getClass();
        return serdes.forEvent(type).serializer().serialize(topic, event);
    }
}
