package io.streamsuite.devkit.generate;

import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records with a plain idempotent producer: {@code acks=all}, a few milliseconds of linger for batching, the
 * event time as the record timestamp, and the values encoded by the apps' own serdes in the configured format: JSON,
 * or Avro in the Confluent wire format with the schemas registered under {@code <topic>-value}.
 */
final class KafkaSink implements Sink {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final EventSerdes serdes;
    private final Map<Class<?>, Serializer<Object>> serializers = new HashMap<>();
    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaSink(String bootstrapServers, String clientId, EventSerdes serdes) {
        this.serdes = serdes;
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
            value = serializer(record.value().getClass()).serialize(record.topic(), record.value());
        } catch (KafkaException e) {
            // the schema registry unreachable or refusing the schema: every later record would fail the same way
            failure.compareAndSet(null, e);
            return false;
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

    @SuppressWarnings("unchecked")
    private Serializer<Object> serializer(Class<?> type) {
        return serializers.computeIfAbsent(type, t -> (Serializer<Object>) serdes.forEvent(t).serializer());
    }

    @Override
    public Exception failure() {
        return failure.get();
    }

    @Override
    public String describe() {
        SerdeFormat format = serdes.format();
        return "Kafka at " + bootstrapServers + (format == SerdeFormat.JSON ? "" : " as " + format.configValue());
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
