package io.streamsuite.fraud.backtest;

import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production runs with the default velocity limit (more than 5 transactions of a card within 60 s), then a backtest
 * of {@code fraud.velocity.max-count=3} over a ten-minute range, on a real broker. The traffic is written so that each
 * card shows one effect: a burst of 4 (newly flagged once), of 7 (flagged twice, now four times), of 2 (never), a
 * burst after the range and one before it (not compared), and one of 7 that straddles the range's start, whose
 * first four the backtest never sees (production's two alerts on it are gone: the empty-history caveat).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BacktestIT {

    private static final String APP_ID = "fraud-bt";
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
    private static final Instant FROM = T.plus(Duration.ofMinutes(10));
    private static final Instant TO = T.plus(Duration.ofMinutes(20));

    @TempDir
    Path dir;

    @Test
    void reportsExactlyTheAlertsTheChangeMakesAndLeavesNothingBehind() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
            Path stateDir = dir.resolve("state");
            Map<String, String> properties = new TreeMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", APP_ID,
                    "state.dir", stateDir.toString(),
                    "http.enabled", "false",
                    "topics.create", "false"));
            Path file = dir.resolve("fraud-detection.properties");
            Files.write(file, properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

            // created here, each awaited until led: a global store started right after its topic's creation can find
            // no partition yet
            kafka.createTopic("transactions", 2);
            kafka.createTopic("fraud-alerts", 2);
            kafka.createTopic("fraud-blocklist", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("fraud-rules", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic(APP_ID + "-dlq", 1);
            kafka.produce(traffic(ConfiguredApp.of(new FraudDetectionApp(), properties).context()));
            runProductionUntilCaughtUp(kafka, file);
            List<String> alertsBefore = values(kafka.readAll("fraud-alerts", Duration.ofSeconds(10)));
            assertThat(alertsBefore).hasSize(2 + 2 + 3 + 1); // b6 b7, e6 e7, d6 d7 d8, f6

            Path confirmed = dir.resolve("confirmed.jsonl");
            Files.write(confirmed, List.of("{\"transactionId\":\"tx-a4\"}", "{\"transactionId\":\"tx-b4\"}",
                    "{\"transactionId\":\"tx-e6\"}"));
            Run run = backtest(file, "--set", "fraud.velocity.max-count=3", "--confirmed", confirmed.toString());

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().lines()).contains(
                    "Changed settings: fraud.velocity.max-count=3",
                    "Compared 16 transaction(s) from " + FROM + " to " + TO,
                    "VELOCITY                      4         5      3     2",
                    "CARD_TESTING                  0         0      0     0",
                    "any rule                      4         5      3     2",
                    "  VELOCITY added: tx-a4, tx-b4, tx-b5",
                    "  VELOCITY gone: tx-e6, tx-e7",
                    "Confirmed frauds in the range: 3",
                    "production                    4         1      0.25   0.33",
                    "backtest                      5         2      0.40   0.67");
            assertThat(run.out()).doesNotContain("Warning");
            assertNothingLeftBehind(kafka, admin, stateDir, alertsBefore);

            // a minute of warm-up gives card e its first four transactions back: e5 is flagged too, and nothing is gone
            Run warmedUp = backtest(file, "--warm-up", "1m", "--set", "fraud.velocity.max-count=3", "--keep-output");

            assertThat(warmedUp.exit()).as(warmedUp.err()).isZero();
            assertThat(warmedUp.out().lines()).contains(
                    "Compared 16 transaction(s) from " + FROM + " to " + TO,
                    "VELOCITY                      4         8      4     0",
                    "  VELOCITY added: tx-a4, tx-b4, tx-b5, tx-e5");
            // the kept side topic holds every alert of the backtest, the warm-up's e4 too
            List<String> kept = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(APP_ID + "-backtest-")).toList();
            assertThat(kept).singleElement().asString().endsWith("-alerts");
            assertThat(kafka.readAll(kept.get(0), Duration.ofSeconds(10))).hasSize(9);
            admin.deleteTopics(kept).all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.listTopics().names().get().stream().noneMatch(kept::contains));
            assertNothingLeftBehind(kafka, admin, stateDir, alertsBefore);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run backtest(Path file, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(file.toString(), "--backtest", "--from", FROM.toString(), "--to", TO.toString()));
        args.addAll(List.of(options));
        int exit = new BacktestCommand(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(args.toArray(String[]::new));
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        System.out.println(run.out() + run.err());
        return run;
    }

    /** Production's alerts as they were; no topic, group or state directory of a backtest. */
    private static void assertNothingLeftBehind(EmbeddedKafka kafka, Admin admin, Path stateDir, List<String> alertsBefore)
            throws Exception {
        assertThat(values(kafka.readAll("fraud-alerts", Duration.ofSeconds(10)))).isEqualTo(alertsBefore);
        assertThat(admin.listTopics().names().get()).noneMatch(topic -> topic.startsWith(APP_ID + "-backtest-"));
        assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId)
                .noneMatch(group -> group.startsWith(APP_ID + "-backtest-"));
        try (Stream<Path> states = Files.list(stateDir)) {
            assertThat(states.map(path -> path.getFileName().toString())).containsExactly(APP_ID);
        }
    }
    /** Production as deployed, in this JVM, until it has processed every transaction. */
    private static void runProductionUntilCaughtUp(EmbeddedKafka kafka, Path file) throws InterruptedException {
        StreamsRunner production = new StreamsRunner(new FraudDetectionApp(), Map.of(), System.out, System.err);
        Thread thread = new Thread(() -> production.run(file.toString()), "production");
        thread.start();
        try {
            kafka.awaitCaughtUp(APP_ID, Duration.ofSeconds(30));
        } finally {
            production.stop();
            thread.join(30_000);
        }
    }

    /**
     * Bursts of 20.00 EUR at one merchant, 5 s apart, without coordinates: only VELOCITY can fire. Card ids name the
     * effect; transaction ids are {@code tx-<card><n>}, n counting from 1.
     */
    private static List<ProducerRecord<byte[], byte[]>> traffic(AppContext context) {
        List<Transaction> transactions = new ArrayList<>();
        burst(transactions, "f", 6, T.plus(Duration.ofMinutes(5)));                    // before the range (and warm-up)
        burst(transactions, "e", 7, FROM.minus(Duration.ofSeconds(20)));               // e1-e4 before FROM, e5-e7 after
        burst(transactions, "a", 4, T.plus(Duration.ofMinutes(11)));
        burst(transactions, "b", 7, T.plus(Duration.ofMinutes(12)));
        burst(transactions, "c", 2, T.plus(Duration.ofMinutes(13)));
        burst(transactions, "d", 8, TO.plus(Duration.ofMinutes(1)));                   // after the range
        transactions.sort((x, y) -> Long.compare(x.timestamp(), y.timestamp()));
        Serializer<Transaction> serializer = FraudDetectionApp.transactions(context).valueSerde().serializer();
        return transactions.stream()
                .map(tx -> new ProducerRecord<>("transactions", null, tx.timestamp(), tx.cardId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize("transactions", tx)))
                .toList();
    }

    private static void burst(List<Transaction> into, String card, int count, Instant start) {
        for (int i = 1; i <= count; i++) {
            into.add(aTransaction().id("tx-" + card + i).card("card-" + card).amount(20.0).merchant("m-1")
                    .at(start.plusSeconds(5L * (i - 1)).toEpochMilli()).build());
        }
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> record.partition() + "/" + record.offset() + " "
                + new String(record.value(), StandardCharsets.UTF_8)).sorted().toList();
    }

}
