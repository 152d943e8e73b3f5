package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppFleet;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Measures, for each rebalance protocol, with and without standbys and static membership, on three instances of the
 * shipped jar under steady traffic: the time from {@code kill -9} of one instance to the survivors processing its
 * partitions (every committed offset of the input and repartition topics past where it stood at the kill), and the
 * time from starting a fourth instance to it processing records (its stream thread's {@code process-total} above 0). Each variant runs
 * {@code timing.repetitions} times, the variants interleaved, each run on a new {@code application.id} and state.
 *
 * <p>Not part of the build (its name matches neither {@code *Test} nor {@code *IT}); {@code scripts/failover-timing.sh}
 * runs it and prints a table of medians and ranges, also written to {@code target/failover-timing.txt}. Its
 * {@link #main} runs it from a built tree without Maven (working directory {@code fraud-detection}, the module's test
 * class path). System properties: {@code timing.repetitions}, {@code timing.protocols}, {@code timing.standbys} and
 * {@code timing.membership} (comma-separated), {@code timing.seed}.
 */
class FailoverTiming {

    static final int REPETITIONS = Integer.getInteger("timing.repetitions", 3);
    static final int PARTITIONS = 6;
    static final int RATE = 200;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final long SEED = Long.getLong("timing.seed", 20_261_207L);

    record Variant(String protocol, int standbys, boolean staticMembership) {
        String label() {
            return protocol + ", standbys " + standbys + ", " + (staticMembership ? "static" : "dynamic") + " members";
        }
    }

    record Run(double failoverSeconds, double scaleOutSeconds) {
    }

    public static void main(String[] args) throws Exception {
        new FailoverTiming().measure();
    }

    @Test
    void measure() throws Exception {
        List<Variant> variants = new ArrayList<>();
        for (String protocol : System.getProperty("timing.protocols", "classic,streams").split(",")) {
            for (String standbyCount : System.getProperty("timing.standbys", "0,1").split(",")) {
                int standbys = Integer.parseInt(standbyCount.trim());
                for (String membership : System.getProperty("timing.membership", "static").split(",")) {
                    boolean staticMembership = membership.trim().equals("static");
                    variants.add(new Variant(protocol.trim(), standbys, staticMembership));
                }
            }
        }
        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        variants.forEach(variant -> runs.put(variant, new ArrayList<>()));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            int n = 0;
            for (int repetition = 1; repetition <= REPETITIONS; repetition++) {
                for (Variant variant : variants) {
                    Run run = runOnce(kafka, variant, "timing-" + (++n));
                    runs.get(variant).add(run);
                    System.out.printf("[timing] repetition %d, %s: failover %.1f s, scale-out %.1f s%n", repetition,
                            variant.label(), run.failoverSeconds(), run.scaleOutSeconds());
                }
            }
        }
        String report = report(runs);
        System.out.print(report);
        Files.writeString(Path.of("target", "failover-timing.txt"), report);
        runs.values().forEach(list -> assertThat(list).hasSize(REPETITIONS));
    }

    Run runOnce(EmbeddedKafka kafka, Variant variant, String appId) throws Exception {
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "group.protocol", variant.protocol(),
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "num.standby.replicas", Integer.toString(variant.standbys()),
                "session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()),
                "heartbeat.interval.ms", Long.toString(HEARTBEAT.toMillis()),
                // the streams protocol takes these three as the group's configs
                "group.configs.apply", "true",
                "topic.transactions", appId + "-transactions"));
        properties.put("topic.fraud-blocklist", appId + "-fraud-blocklist");
        properties.put("topic.fraud-rules", appId + "-fraud-rules");
        properties.put("topic.fraud-alerts", appId + "-fraud-alerts");
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
        TopicSpec<String, Transaction> transactions = FraudDetectionApp.transactions(context);
        kafka.createTopic(transactions.name(), PARTITIONS);
        kafka.createTopic(FraudDetectionApp.blocklist(context).name(), 1, Map.of("cleanup.policy", "compact"));
        // enough steady traffic for the whole run: every partition receives records every few tens of milliseconds
        Duration sending = Duration.ofSeconds(150);
        ReceiptTraffic traffic = ReceiptTraffic.generate(SEED, (int) (RATE * sending.toSeconds()), ReceiptTraffic.recentStart(),
                Integer.MAX_VALUE);
        kafka.produce(traffic.blocklistRecords(FraudDetectionApp.blocklist(context)));
        Path logs = Path.of("target", "failover-timing", appId);
        try (AppFleet fleet = new AppFleet(FraudJarRecords.JAR, properties, 4, logs, variant.staticMembership());
             PacedProducer producer = new PacedProducer(kafka.bootstrapServers(), traffic.transactionRecords(transactions), sending);
             Admin admin = kafka.admin()) {
            for (int i = 0; i < 3; i++) {
                fleet.start(i);
            }
            producer.start();
            awaitUntil("three instances ready", Duration.ofMinutes(8), fleet::allReady);
            // settled: every partition processed recently, standbys (if any) restored
            Thread.sleep(3_000);
            awaitUntil("every partition committed", Duration.ofMinutes(1), () -> committed(admin, appId).size() == 2 * PARTITIONS);

            Map<TopicPartition, Long> atKill = committed(admin, appId);
            long killed = System.nanoTime();
            fleet.kill(2);
            awaitUntil("every partition processed past the kill", Duration.ofMinutes(2), () -> {
                Map<TopicPartition, Long> now = committed(admin, appId);
                return atKill.entrySet().stream().allMatch(entry -> now.getOrDefault(entry.getKey(), -1L) > entry.getValue());
            });
            double failover = (System.nanoTime() - killed) / 1e9;

            // the survivors settled, then a fourth instance
            awaitUntil("two instances ready", Duration.ofMinutes(4), () -> fleet.ready().size() == 2);
            Thread.sleep(3_000);
            long started = System.nanoTime();
            fleet.start(3);
            awaitUntil("the fourth instance processing", Duration.ofMinutes(6), () -> fleet.processedRecords(3) > 0);
            double scaleOut = (System.nanoTime() - started) / 1e9;
            assertThat(fleet.exited()).as("instances that exited by themselves, besides the killed one").containsExactly(2);
            return new Run(failover, scaleOut);
        }
    }

    /**
     * The group's committed offsets on the input, through the consumer-group offset fetch for both protocols: what a
     * lag-based autoscaler such as KEDA's Kafka scaler reads, which answers for a streams group too.
     */
    static Map<TopicPartition, Long> committed(Admin admin, String appId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            // the input and the repartition topic: the killed instance's tasks may read either
            Map<TopicPartition, Long> sources = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
            offsets.forEach((partition, offset) -> {
                if (offset != null && (partition.topic().equals(appId + "-transactions")
                        || partition.topic().startsWith(appId + "-") && partition.topic().endsWith("-repartition"))) {
                    sources.put(partition, offset.offset());
                }
            });
            return sources;
        } catch (Exception e) {
            return Map.of();
        }
    }

    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not " + what + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static String report(Map<Variant, List<Run>> runs) throws IOException {
        StringBuilder text = new StringBuilder(String.format("Failover and scale-out of fraud-detection, %d runs per variant"
                + " (interleaved), session timeout %d s, heartbeat %d s, %d transactions/s over %d partitions:%n",
                REPETITIONS, SESSION_TIMEOUT.toSeconds(), HEARTBEAT.toSeconds(), RATE, PARTITIONS));
        text.append(String.format("  %-44s %-26s %-26s%n", "variant", "kill -9 -> processed: median (range)",
                "4th instance -> processing"));
        runs.forEach((variant, list) -> text.append(String.format("  %-44s %-26s %-26s%n", variant.label(),
                summary(list.stream().map(Run::failoverSeconds).toList()),
                summary(list.stream().map(Run::scaleOutSeconds).toList()))));
        return text.toString();
    }

    static String summary(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format("%.1f s (%.1f-%.1f)", median, sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
