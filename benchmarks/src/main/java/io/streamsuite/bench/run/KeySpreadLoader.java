package io.streamsuite.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.serde.JsonMappers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a topic with one valid event for each of {@code keys} distinct keys (cards, users, devices), so that the app's
 * largest store ends up holding that many entries: the memory test's input. Event times advance 1 ms per record from
 * {@code start}, so nothing is late and no window closes early.
 */
public final class KeySpreadLoader {

    private final ObjectMapper json = JsonMappers.mapper();
    private final String bootstrapServers;

    public KeySpreadLoader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void load(App app, String topic, long keys, long start) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // neither order nor the odd duplicate matters for one event per distinct key; an idempotent producer
                // was seen to spin on out-of-order sequence errors right after the topic's creation on a busy broker
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < keys && failure.get() == null; i++) {
                long time = start + i;
                String key = String.format("%s-%08d", app.generator(), i);
                byte[] value = json.writeValueAsBytes(event(app, key, i, time));
                producer.send(new ProducerRecord<>(topic, null, time, key, value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode an event: " + e.getMessage(), e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Cannot fill " + topic + ": " + failure.get().getMessage(), failure.get());
        }
    }

    private static Object event(App app, String key, long i, long time) {
        return switch (app) {
            case FRAUD -> new Transaction("tx-" + i, key, "acct-" + i, "cust-" + i, "merchant-" + (i % 5000), "5411",
                    "DE", "POS", 10.0 + i % 200, "EUR", 52.5 + (i % 100) / 1000.0, 13.4, time);
            case CLICKSTREAM -> new ClickEvent("ev-" + i, key, "PAGE_VIEW", "https://shop.example/p/" + (i % 2000),
                    "https://search.example/", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
                    "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), time);
            case IOT -> new Reading(key, "temperature", 20.0 + i % 10, "C", time);
        };
    }
}
