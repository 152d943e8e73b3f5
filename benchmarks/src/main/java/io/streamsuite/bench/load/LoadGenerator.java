package io.streamsuite.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.bench.workload.CardTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The open-loop load of the latency runs, a process of its own on the same machine as the measured variant: card
 * transactions at the rate written in {@code rate.file} (read every 100 ms, so the orchestrator steps the rate without
 * restarting it), plus marker transactions at the fixed {@code marker.rate} on the cards {@code marker-00} ... (which
 * the run blocklists, so that the app alerts on every one). Every record is stamped with the time it was due, not the
 * time it went out: a generator that falls behind shows as latency instead of hiding it (no coordinated omission).
 * Runs until SIGTERM.
 *
 * <p>Arguments, {@code key=value}: {@code bootstrap.servers}, {@code topic}, {@code rate.file}, {@code cards},
 * {@code seed}, {@code marker.rate}, {@code marker.cards}.
 */
public final class LoadGenerator {

    /** The prefix of the marker cards' ids. */
    public static final String MARKER_PREFIX = "marker-";

    private LoadGenerator() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        String topic = args.get("topic");
        Path rateFile = Path.of(args.get("rate.file"));
        int markerCards = Integer.parseInt(args.getOrDefault("marker.cards", "16"));
        double markerRate = Double.parseDouble(args.getOrDefault("marker.rate", "20"));
        CardTraffic cards = new CardTraffic(Integer.parseInt(args.getOrDefault("cards", "10000")),
                System.currentTimeMillis(), Long.parseLong(args.getOrDefault("seed", "1")), "card-");
        ObjectMapper json = JsonMappers.mapper();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.set(true);
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-stop"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer())) {
            double rate = readRate(rateFile, 0);
            long start = System.currentTimeMillis();
            double nextDue = start;
            double nextMarker = start;
            long lastRateRead = start;
            long sent = 0;
            long markers = 0;
            long lastReport = start;
            while (!stop.get() && failure.get() == null) {
                long now = System.currentTimeMillis();
                if (now - lastRateRead >= 100) {
                    double newRate = readRate(rateFile, rate);
                    if (newRate != rate) {
                        // a new rate starts now: the old schedule's remainder is not owed
                        nextDue = Math.max(nextDue, now);
                        rate = newRate;
                    }
                    lastRateRead = now;
                }
                boolean idle = true;
                while (rate > 0 && nextDue <= now) {
                    long due = (long) nextDue;
                    Transaction tx = (Transaction) cards.next().value();
                    send(producer, json, topic, tx.cardId(), retimed(tx, tx.transactionId(), tx.cardId(), due),
                            due, failure);
                    nextDue += 1000.0 / rate;
                    sent++;
                    idle = false;
                }
                while (markerRate > 0 && nextMarker <= now) {
                    long due = (long) nextMarker;
                    String card = String.format("%s%02d", MARKER_PREFIX, markers % markerCards);
                    Transaction tx = (Transaction) cards.next().value();
                    send(producer, json, topic, card, retimed(tx, "marker-tx-" + markers, card, due), due, failure);
                    nextMarker += 1000.0 / markerRate;
                    markers++;
                    idle = false;
                }
                if (now - lastReport >= 5_000) {
                    System.out.printf("load: %d transactions and %d markers sent, rate %.0f/s%n", sent, markers, rate);
                    lastReport = now;
                }
                if (idle) {
                    Thread.sleep(1);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            System.err.println("load: sending failed: " + failure.get());
            System.exit(1);
        }
    }

    private static Transaction retimed(Transaction tx, String id, String card, long time) {
        return new Transaction(id, card, tx.accountId(), tx.customerId(), tx.merchantId(), tx.merchantCategory(),
                tx.country(), tx.channel(), tx.amount(), tx.currency(), tx.latitude(), tx.longitude(), time);
    }

    private static void send(KafkaProducer<String, byte[]> producer, ObjectMapper json, String topic, String key,
                             Transaction tx, long time, AtomicReference<Exception> failure)
            throws JsonProcessingException {
        producer.send(new ProducerRecord<>(topic, null, time, key, json.writeValueAsBytes(tx)), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** The rate in the file, or {@code current} while the file is missing or being rewritten. */
    static double readRate(Path file, double current) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? current : Double.parseDouble(text);
        } catch (IOException | NumberFormatException e) {
            return current;
        }
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new java.util.HashMap<>();
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
            }
            args.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return args;
    }
}
