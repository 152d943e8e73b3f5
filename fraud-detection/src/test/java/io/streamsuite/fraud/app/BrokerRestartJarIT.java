package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppFleet;
import io.streamsuite.topologies.testing.KafkaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker stops (SIGTERM, a controlled shutdown) in the middle of the stream and starts again on the same data
 * directory after longer than an exactly-once transaction may stay open, while two instances of the shipped jar process:
 * they must ride it out by themselves, never exit, and end ready with every transaction alerted exactly once. The build
 * runs it under the default rebalance protocol ({@code classic}); {@code -Dbounce.protocol=classic,streams} adds
 * {@code streams} (KIP-1071, the broker assigns the tasks), with half the traffic.
 *
 * <p>The test's own producer keeps sending through the restart, and the broker has been seen to store one of its
 * retried batches twice (Kafka 4.3.1 and 4.4.0: the same producer id, epoch and sequence numbers at two offsets of the
 * input), so the verdict judges the app against the input as stored ({@link ReceiptVerdict}).
 */
class BrokerRestartJarIT {

    static final int EVENTS = 3_000;
    static final int INSTANCES = 2;
    static final int PARTITIONS = 3;
    static final Duration SENDING = Duration.ofSeconds(10);
    /** Longer than Streams' transaction.timeout.ms under exactly-once (10 s): open transactions expire meanwhile. */
    static final Duration BROKER_DOWN = Duration.ofSeconds(12);
    /** Fixed, so that a failure replays; {@code -Dcrash.seed} chooses another. */
    static final long SEED = Long.getLong("crash.seed", 20_261_207L);

    /** The build runs the default protocol; {@code -Dbounce.protocol=classic,streams} runs both. */
    static Stream<String> protocols() {
        return Arrays.stream(System.getProperty("bounce.protocol", "classic").split(",")).map(String::trim);
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @MethodSource("protocols")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theAppsRideOutABrokerRestartByThemselvesAndStayExactlyOnce(String protocol) throws Exception {
        long startNanos = System.nanoTime();
        boolean streamsProtocol = protocol.equals("streams");
        int events = streamsProtocol ? EVENTS / 2 : EVENTS;
        Duration sending = streamsProtocol ? SENDING.dividedBy(2) : SENDING;
        ReceiptTraffic traffic = ReceiptTraffic.generate(SEED, events, ReceiptTraffic.recentStart(), 500);
        Path directory = Path.of("target", "broker-restart-it", protocol);
        try (KafkaProcess kafka = KafkaProcess.start(directory, Map.of())) {
            String appId = "broker-restart";
            Map<String, String> properties = new TreeMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", appId,
                    "group.protocol", protocol,
                    "topics.create", "true",
                    "topics.partitions", Integer.toString(PARTITIONS)));
            AppContext context = ConfiguredApp.of(new FraudDetectionApp(), properties).context();
            TopicSpec<String, Transaction> transactions = FraudDetectionApp.transactions(context);
            TopicSpec<String, FraudAlert> alerts = FraudDetectionApp.alerts(context);
            try (Admin admin = Admin.create(kafka.clientConfig())) {
                admin.createTopics(List.of(new NewTopic(transactions.name(), PARTITIONS, (short) 1),
                        new NewTopic(FraudDetectionApp.blocklist(context).name(), 1, (short) 1)
                                .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            }
            try (PacedProducer blocklist = new PacedProducer(kafka.bootstrapServers(),
                    traffic.blocklistRecords(FraudDetectionApp.blocklist(context)), Duration.ZERO)) {
                blocklist.start().awaitDone(Duration.ofSeconds(60));
            }
            System.out.printf("[bounce] seed %d: %d transactions of %d cards, %d poison records, sent over %d s to %d"
                            + " instances; the broker goes down for %d s%n", SEED, traffic.transactionCount(),
                    traffic.cardCount(), traffic.poisonCount(), sending.toSeconds(), INSTANCES, BROKER_DOWN.toSeconds());

            try (AppFleet fleet = new AppFleet(FraudJarRecords.JAR, properties, INSTANCES, directory);
                 PacedProducer producer = new PacedProducer(kafka.bootstrapServers(),
                         traffic.transactionRecords(transactions), sending);
                 Progress progress = new Progress("bounce", startNanos, producer, fleet, kafka.bootstrapServers(), appId,
                         transactions.name())) {
                fleet.startAll();
                progress.awaitUntil("every instance ready", Duration.ofMinutes(2), fleet::allReady);
                producer.start();
                progress.pause(sending.dividedBy(3));
                kafka.stop();
                progress.log("broker stopped (SIGTERM)");
                progress.pause(BROKER_DOWN);
                assertThat(fleet.exited()).as("instances that exited while the broker was down").isEmpty();
                kafka.start();
                progress.log("broker started again on its data directory");
                producer.awaitDone(sending.plusMinutes(2));
                progress.awaitUntil("every instance ready and the input processed", Duration.ofMinutes(2), () -> {
                    assertThat(fleet.exited()).as("instances that exited by themselves").isEmpty();
                    return fleet.allReady() && progress.lag() == 0;
                });
                kafka.awaitCaughtUp(appId, Duration.ofMinutes(1));

                List<ConsumerRecord<byte[], byte[]>> alertRecords = kafka.readAll(alerts.name(), Duration.ofMinutes(1));
                int deadLetters = kafka.readAll(appId + "-dlq", Duration.ofMinutes(1)).size();
                ReceiptVerdict verdict = ReceiptVerdict.judge(traffic, kafka.readAll(transactions.name(), Duration.ofMinutes(1)),
                        transactions, alertRecords, alerts, deadLetters,
                        CardProfiles.of(fleet, traffic.cards().keySet(), Duration.ofMinutes(2)));
                System.out.printf("[bounce] RESULT events %d, stored twice by the broker %d, broker restarts 1, lost %d,"
                                + " duplicated %d, wrong %d, DLQ %d of %d, cards short %d, over %d, missing %d, time %.0f s (seed %d)%n",
                        traffic.transactionCount(), verdict.storedTwice(), verdict.lost(), verdict.duplicated(), verdict.wrong(),
                        verdict.deadLetters(), verdict.poison(), verdict.cardsShort(), verdict.cardsOver(),
                        verdict.cardsMissing(), (System.nanoTime() - startNanos) / 1e9, SEED);
                verdict.examples().forEach(example -> System.out.println("[bounce]   " + example));

                assertThat(verdict.exact()).as("exactly once: %s; %s", verdict.figures(), verdict.examples()).isTrue();
                fleet.stopAll();
                assertThat(fleet.unexpectedErrors()).as("ERROR lines in the instances' logs").isEmpty();
            }
        }
    }
}
