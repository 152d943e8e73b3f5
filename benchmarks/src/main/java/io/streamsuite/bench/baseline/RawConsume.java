package io.streamsuite.bench.baseline;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The floor of every variant: one plain consumer that reads the input and does nothing with it, committing every
 * {@code commit.interval.ms} as Streams would. Runs until stopped.
 */
public final class RawConsume {

    private RawConsume() {
    }

    public static void main(String[] argv) {
        BaselineArgs args = BaselineArgs.parse(argv);
        long interval = args.commitIntervalMs();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(args.consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup, "raw-consume-stop"));
            consumer.subscribe(List.of(args.get("input")));
            long bytes = 0;
            long lastCommit = System.currentTimeMillis();
            try {
                while (true) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    for (var record : records) {
                        // touch the value, as any consumer that uses its records must
                        bytes += record.value() == null ? 0 : record.value().length;
                    }
                    if (System.currentTimeMillis() - lastCommit >= interval) {
                        consumer.commitSync();
                        lastCommit = System.currentTimeMillis();
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException stopping) {
                System.out.println("raw-consume: read " + bytes + " bytes of values");
            }
        }
    }
}
