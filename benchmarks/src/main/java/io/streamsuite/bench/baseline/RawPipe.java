package io.streamsuite.bench.baseline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Consume and produce with the plain clients, at least once: every record is copied to the output unchanged; before
 * each commit (every {@code commit.interval.ms}) the producer is flushed, so nothing committed is unwritten. What a
 * hand-written service without Streams would cost.
 */
public final class RawPipe {

    private RawPipe() {
    }

    public static void main(String[] argv) {
        BaselineArgs args = BaselineArgs.parse(argv);
        // the producer settings Streams uses by default (acks=all, idempotent, linger 5 ms in Kafka 4)
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        String output = args.get("output");
        long interval = args.commitIntervalMs();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(args.consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup, "raw-pipe-stop"));
            consumer.subscribe(List.of(args.get("input")));
            long lastCommit = System.currentTimeMillis();
            try {
                while (true) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (var record : records) {
                        producer.send(new ProducerRecord<>(output, null, record.timestamp(), record.key(),
                                record.value(), record.headers()));
                    }
                    if (System.currentTimeMillis() - lastCommit >= interval) {
                        producer.flush();
                        consumer.commitSync();
                        lastCommit = System.currentTimeMillis();
                    }
                }
            } catch (WakeupException stopping) {
                producer.flush();
            }
        }
    }
}
