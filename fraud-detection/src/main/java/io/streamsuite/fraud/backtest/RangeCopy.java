package io.streamsuite.fraud.backtest;

import io.streamsuite.fraud.Transaction;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Copies the range of the input into the backtest's own input topic, partition to partition with keys, headers and
 * timestamps as they are, so that the backtest reads exactly the range and then reaches the end of its input: records
 * after {@code --to} are never evaluated, and a live input does not keep the run going. Collects the ids of the
 * transactions to compare on the way (those at or after {@code --from}; the warm-up before it is copied, not compared).
 *
 * <p>Per partition the range is [first record stamped at or after the start, first record stamped at or after
 * {@code --to}), or to the partition's end as it was when the copy began when nothing is stamped that late. Record
 * timestamps are what Kafka indexes, as for {@code --reset --to-datetime}.
 */
final class RangeCopy {

    /**
     * What was copied.
     *
     * @param ends where the range ends in each partition of the input (exclusive)
     */
    record Copied(long records, Set<String> compared, long minEventTime, long undecodable, Map<TopicPartition, Long> ends) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Deserializer<Transaction> transactions;
    private final PrintStream progress;

    RangeCopy(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
              Deserializer<Transaction> transactions, PrintStream progress) {
        this.consumer = consumer;
        this.producer = producer;
        this.transactions = transactions;
        this.progress = progress;
    }

    Copied copy(String source, String target, Instant readFrom, Instant from, Instant to) {
        List<TopicPartition> partitions = consumer.partitionsFor(source).stream()
                .map(info -> new TopicPartition(source, info.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = offsetsAt(partitions, readFrom, ends);
        Map<TopicPartition, Long> compareFrom = offsetsAt(partitions, from, ends);
        Map<TopicPartition, Long> stop = offsetsAt(partitions, to, ends);
        long total = partitions.stream().mapToLong(p -> Math.max(0, stop.get(p) - start.get(p))).sum();
        progress.printf("Copying %d record(s) of %s (offsets per partition %s up to %s) into %s%n", total, source, start,
                stop, target);

        consumer.assign(partitions);
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, start.get(partition));
            if (start.get(partition) < stop.get(partition)) {
                open.add(partition);
            }
        }
        consumer.pause(partitions.stream().filter(p -> !open.contains(p)).toList());
        AtomicReference<Exception> failed = new AtomicReference<>();
        Set<String> compared = new HashSet<>();
        long copied = 0;
        long undecodable = 0;
        long minEventTime = Long.MAX_VALUE;
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= stop.get(partition)) {
                    continue;
                }
                producer.send(new ProducerRecord<>(target, record.partition(), record.timestamp(), record.key(), record.value(),
                        record.headers()), (metadata, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
                copied++;
                if (record.offset() >= compareFrom.get(partition)) {
                    Transaction transaction = decode(record);
                    if (transaction == null) {
                        undecodable++;
                    } else {
                        compared.add(transaction.transactionId());
                        if (transaction.timestamp() != null) {
                            minEventTime = Math.min(minEventTime, transaction.timestamp());
                        }
                    }
                }
            }
            for (TopicPartition partition : Set.copyOf(open)) {
                if (consumer.position(partition) >= stop.get(partition)) {
                    open.remove(partition);
                    consumer.pause(List.of(partition));
                }
            }
            if (System.nanoTime() > nextProgress) {
                progress.printf("Copied %d of %d record(s)%n", copied, total);
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("Could not copy the range into " + target + ": " + failed.get().getMessage(),
                    failed.get());
        }
        return new Copied(copied, Set.copyOf(compared), minEventTime == Long.MAX_VALUE ? from.toEpochMilli() : minEventTime,
                undecodable, Map.copyOf(stop));
    }

    /** A record the app would dead-letter is evaluated by neither run; it is copied all the same, and not compared. */
    private Transaction decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return transactions.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /** The first offset stamped at or after {@code time} per partition; the end (as listed) where none is that late. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> offsets = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            offsets.put(partition, at == null ? ends.get(partition) : Math.min(at.offset(), ends.get(partition)));
        }
        return offsets;
    }
}
