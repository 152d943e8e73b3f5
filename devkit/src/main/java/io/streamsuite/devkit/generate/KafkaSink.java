package io.streamsuite.devkit.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.serde.JsonMappers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records with a plain idempotent producer: {@code acks=all}, a few milliseconds of linger for batching, the
 * event time as the record timestamp, and the JSON the apps read ({@code serde.format=json}).
 */
final class KafkaSink implements Sink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = JsonMappers.mapper();
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaSink(String bootstrapServers, String clientId) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a missing topic or an unreachable broker ends the run within this, with the producer's message
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public boolean send(Output record) {
        if (failure.get() != null) {
            // once one send has failed (after waiting max.block.ms, say), the run stops: do not wait for each
            return false;
        }
        byte[] value;
        try {
            value = json.writeValueAsBytes(record.value());
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode " + record.value(), e);
        }
        try {
            producer.send(new ProducerRecord<>(record.topic(), null, record.time(), record.key(), value),
                    (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
        } catch (RuntimeException e) {
            // metadata timeouts and the like are thrown here rather than passed to the callback
            failure.compareAndSet(null, e);
            return false;
        }
        return true;
    }

    @Override
    public Exception failure() {
        return failure.get();
    }

    @Override
    public String describe() {
        return "Kafka at " + bootstrapServers;
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
