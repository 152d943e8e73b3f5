package io.streamsuite.bench.baseline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Consume and produce with the plain clients, every record copied to the output unchanged, under the same guarantee,
 * commit interval and producer linger as the Streams variants it is compared with:
 * <ul>
 *   <li>{@code at_least_once}: before each commit (every {@code commit.interval.ms}) the producer is flushed, so
 *       nothing committed is unwritten;</li>
 *   <li>{@code exactly_once_v2}: a transaction per commit interval, the consumed offsets sent to it, as Streams
 *       does.</li>
 * </ul>
 * What a hand-written service without Streams would cost.
 */
public final class RawPipe {

    private RawPipe() {
    }

    public static void main(String[] argv) {
        BaselineArgs args = BaselineArgs.parse(argv);
        boolean exactlyOnce = "exactly_once_v2".equals(args.get("guarantee", "at_least_once"));
        // the producer settings Streams uses (acks=all, idempotent) and the run's linger
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, Integer.parseInt(args.get("linger.ms", "100"))));
        Map<String, Object> consumerConfig = new HashMap<>(args.consumerConfig());
        if (exactlyOnce) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, args.get("group") + "-raw-pipe");
            consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        String output = args.get("output");
        long interval = args.commitIntervalMs();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup, "raw-pipe-stop"));
            consumer.subscribe(List.of(args.get("input")));
            if (exactlyOnce) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
            long lastCommit = System.currentTimeMillis();
            try {
                while (true) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (var record : records) {
                        producer.send(new ProducerRecord<>(output, null, record.timestamp(), record.key(),
                                record.value(), record.headers()));
                        pending.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    if (System.currentTimeMillis() - lastCommit >= interval) {
                        commit(exactlyOnce, producer, consumer, pending);
                        lastCommit = System.currentTimeMillis();
                    }
                }
            } catch (WakeupException stopping) {
                commit(exactlyOnce, producer, consumer, pending);
            }
        }
    }

    private static void commit(boolean exactlyOnce, KafkaProducer<byte[], byte[]> producer,
                               KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> pending) {
        if (exactlyOnce) {
            if (!pending.isEmpty()) {
                producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
            }
            producer.commitTransaction();
            producer.beginTransaction();
        } else {
            producer.flush();
            if (!pending.isEmpty()) {
                consumer.commitSync(pending);
            }
        }
        pending.clear();
    }
}
