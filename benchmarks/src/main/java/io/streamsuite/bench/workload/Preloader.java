package io.streamsuite.bench.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.serde.JsonMappers;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes workload records to a topic as fast as the broker takes them, JSON-encoded as the contract says, each with its
 * event time as the record timestamp.
 */
public final class Preloader implements AutoCloseable {

    private final ObjectMapper json = JsonMappers.mapper();
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public Preloader(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // order within a key matters (event time), so one request in flight rather than idempotence, which
                // was seen to spin on out-of-order sequence errors right after a topic's creation on a busy broker
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code count} records of {@code records} (all of them when it ends first); the number sent. */
    public long load(String topic, Iterator<Keyed> records, long count) {
        long sent = 0;
        while (sent < count && records.hasNext() && failure.get() == null) {
            send(topic, records.next());
            sent++;
        }
        flush();
        return sent;
    }

    public void send(String topic, Keyed record) {
        byte[] value;
        try {
            value = json.writeValueAsBytes(record.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + record.value() + ": " + e.getMessage(), e);
        }
        producer.send(new ProducerRecord<>(topic, null, record.time(), record.key(), value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until everything sent is acknowledged. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Cannot preload: " + failure.get().getMessage(), failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
