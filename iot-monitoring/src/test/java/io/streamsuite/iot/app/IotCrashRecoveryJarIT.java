package io.streamsuite.iot.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppFleet;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kill -9} under load for iot-monitoring, as {@code CrashRecoveryJarIT} does for fraud-detection: instances of
 * the shipped jar under {@code exactly_once_v2} share the readings of a device fleet ({@link CrashTraffic}) arriving at
 * a steady pace, and instances chosen at random are killed at random moments and started again on their state
 * directory after a random downtime. Once everything is processed and the instances are stopped, a {@code
 * read_committed} reader checks every output against an uninterrupted run of the same records ({@link CrashReference}):
 * the per-minute statistics (record for record, in order, per partition), the threshold and anomaly alerts, the offline
 * events and the dead letters. Nothing may be lost, doubled, different or reordered.
 *
 * <p><b>What is exact about the wall-clock heartbeat.</b> Silence counts on the wall clock from the later of a
 * device's last processed reading and its task's start (processor init, after the restore), so a killed instance's
 * devices get a full timeout again wherever their task starts next, and a downtime never counts as silence. A device
 * that stops reporting must therefore go offline exactly once: an offline event in an aborted transaction is
 * rolled back with the state that says so, and the next run of the task raises it again, with the same {@code
 * alertId} (derived from the device's last event time). A device that keeps reporting, once a second to the end (the
 * tail round), must never go offline, as long as no running task stalls for a whole timeout: 20 s, far above the
 * pauses a busy machine makes, while the stoppers' offline events still come within the test's time (after the last
 * restart plus the timeout). Readings are keyed by device, so no repartition topic, whose open transactions would hold
 * a live task's readings back, lies between them and the state. The instances are stopped while the tail still
 * runs, so no device that reports is ever silent for a running instance.
 *
 * <p>The build runs it under {@code group.protocol=classic} with a fixed seed (20261208). System properties make it
 * bigger or different: {@code crash.seed}, {@code crash.kills} (4), {@code crash.instances} (3), {@code crash.seconds}
 * (20, how long the live readings take to send), {@code crash.devices} (40), {@code crash.stoppers} (5),
 * {@code crash.protocol} ({@code classic}, {@code streams} or both, comma-separated).
 */
class IotCrashRecoveryJarIT {

    static final Path JAR = Path.of("target", "iot-monitoring.jar");
    static final long SEED = Long.getLong("crash.seed", 20_261_208L);
    static final int KILLS = Integer.getInteger("crash.kills", 4);
    static final int INSTANCES = Integer.getInteger("crash.instances", 3);
    static final Duration SENDING = Duration.ofSeconds(Long.getLong("crash.seconds", 20));
    static final int DEVICES = Integer.getInteger("crash.devices", 40);
    static final int STOPPERS = Integer.getInteger("crash.stoppers", 5);

    static final int PARTITIONS = 6;
    /** Short, so that an instance away for longer has its tasks moved to the others (restored, or a standby promoted). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration MAX_DOWN = Duration.ofSeconds(5);
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Short against the 4 minutes of event time, so that a threshold crossed again and again alerts again. */
    static final Duration COOLDOWN = Duration.ofSeconds(20);
    /**
     * Five minutes of tail rounds, more than the test waits for the instances after the live rounds (at most {@link
     * #HEARTBEAT} plus 2 minutes, then their stop); {@link CrashReference} checks that those sent change nothing.
     */
    static final int MAX_TAIL_ROUNDS = 300;

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    static Stream<String> protocols() {
        return Arrays.stream(System.getProperty("crash.protocol", "classic").split(",")).map(String::trim)
                .filter(protocol -> !protocol.isEmpty());
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @MethodSource("protocols")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void killNineAtRandomMomentsChangesNoCommittedOutput(String protocol) throws Exception {
        long startNanos = System.nanoTime();
        String label = "iot-" + protocol;
        String appId = "iot-crash-" + protocol;
        Map<String, String> properties = properties(appId, label, protocol);
        AppContext context = ConfiguredApp.of(new IotMonitoringApp(), properties).context();
        TopicSpec<String, Reading> readings = IotMonitoringApp.readings(context);
        TopicSpec<String, Device> devices = IotMonitoringApp.devices(context);
        kafka.createTopic(readings.name(), PARTITIONS);
        kafka.createTopic(devices.name(), 1, Map.of("cleanup.policy", "compact"));

        // whole minutes in the past, so that the same seed gives the same windows, and no reading is in the future
        long minute = CrashTraffic.MINUTE;
        long start = System.currentTimeMillis() / minute * minute - CrashTraffic.ROUNDS * CrashTraffic.STEP - 2 * minute;
        CrashTraffic traffic = CrashTraffic.generate(SEED, start, DEVICES, STOPPERS, PARTITIONS, readings);
        kafka.produce(traffic.registry().stream().map(device -> new ProducerRecord<>(devices.name(),
                CrashTraffic.utf8(device.deviceId()), devices.valueSerde().serializer().serialize(devices.name(), device)))
                .toList());
        Random random = new Random(SEED);
        long referenceStart = System.nanoTime();
        // the instances start (slow: three JVMs) while the reference runs
        try (AppFleet fleet = started(new AppFleet(JAR, properties, INSTANCES, Path.of("target", "crash-it", label)));
             CrashReference reference = new CrashReference(traffic, properties);
             RoundSender sender = new RoundSender(kafka.clientConfig(), traffic.rounds(), traffic.tailRound(), SENDING,
                     MAX_TAIL_ROUNDS);
             Admin admin = kafka.admin()) {
            assertPremises(traffic, reference);
            System.out.printf("[%s] seed %d: %d devices (%d stop), %d readings in %d rounds over %d s, %d poison, %d of"
                            + " a third sensor type, %d instances, %d kills; expecting %d stats, %d alerts, %d offline"
                            + " events (reference run in %.1f s)%n", label, SEED, DEVICES,
                    traffic.stoppers().size(), traffic.readingCount(), CrashTraffic.ROUNDS, SENDING.toSeconds(),
                    traffic.poisonCount(), traffic.refusedCount(), INSTANCES, KILLS, reference.stats().size(),
                    reference.alerts().size(), traffic.stoppers().size(), (System.nanoTime() - referenceStart) / 1e9);
            CrashStatus status = new CrashStatus(label, startNanos, admin, appId, fleet, sender);
            assertThat(status.await(Duration.ofMinutes(2), fleet::allReady)).as("instances ready").isTrue();
            sender.start();
            status.log("instances ready; sending");
            for (int kill = 1; kill <= KILLS; kill++) {
                // spread over the sending, at random moments: while processing, restoring or rebalancing
                status.pause(between(random, SENDING.dividedBy(2 * KILLS), SENDING.multipliedBy(3).dividedBy(2 * KILLS)));
                assertThat(fleet.exited()).as("instances that exited by themselves").isEmpty();
                // among the instances at work, so that a kill interrupts processing rather than a start
                List<Integer> ready = new ArrayList<>();
                assertThat(status.await(Duration.ofMinutes(2), () -> {
                    ready.clear();
                    ready.addAll(fleet.ready());
                    return !ready.isEmpty();
                })).as("an instance ready to be killed").isTrue();
                int victim = ready.get(random.nextInt(ready.size()));
                long pid = fleet.kill(victim);
                Duration down = between(random, Duration.ZERO, MAX_DOWN);
                status.log("kill -9 #%d: instance %d (pid %d), down for %.1f s", kill, victim, pid, down.toMillis() / 1000.0);
                status.pause(down);
                fleet.restart(victim);
                status.log("restarted instance %d on its state directory", victim);
            }
            assertThat(status.await(SENDING.plusMinutes(2), sender::liveDone)).as("live rounds sent").isTrue();
            sender.check();
            status.log("live rounds sent; the tail keeps the reporting devices alive");

            // the stoppers' offline events come a timeout after their task's last start: wait for them and for every
            // window, but judge whatever is there after the wait, so that a failure says what is missing
            int expectedOffline = traffic.stoppers().size();
            boolean complete = status.await(HEARTBEAT.plusMinutes(2), () -> {
                assertThat(fleet.exited()).as("instances that exited by themselves").isEmpty();
                return fleet.allReady() && status.behind() == 0
                        && offlineEvents(context).size() >= expectedOffline
                        && kafka.readAll(IotMonitoringApp.stats(context).name(), Duration.ofMinutes(1)).size()
                        >= reference.stats().size();
            });
            status.log("%s: %s", complete ? "caught up, every window and offline event in" : "gave up waiting", status);
            kafka.awaitCaughtUp(appId, Duration.ofMinutes(1));
            assertThat(sender.tailExhausted()).as("tail rounds left while the instances run").isFalse();
            // stopped while the tail still runs: a device that reports is never silent for a running instance
            fleet.stopAll();
            sender.close();
            sender.check();

            Map<String, IotAlert> offline = reference.finish(sender.tailRoundsSent(), HEARTBEAT);
            assertThat(offline.keySet()).as("offline events expected: one per device that stops")
                    .hasSize(traffic.stoppers().size());
            CrashVerdict verdict = judge(traffic, reference, offline, context, sender);
            System.out.printf("[%s] RESULT readings %d, kills %d, restarts %d, %s; offline at most %.1f s after the"
                            + " timeout, time %.0f s (seed %d)%n", label, traffic.readingCount(), fleet.kills(),
                    fleet.restarts(), verdict.figures(), verdict.offlineAfterTimeoutMillis() / 1000.0,
                    (System.nanoTime() - startNanos) / 1e9, SEED);
            verdict.examples().forEach(example -> System.out.println("[" + label + "]   " + example));
            assertThat(verdict.exact()).as("exactly once: %s; %s", verdict.figures(), verdict.examples()).isTrue();
            assertThat(fleet.unexpectedErrors()).as("ERROR lines in the instances' logs").isEmpty();
        }
    }

    private static AppFleet started(AppFleet fleet) {
        fleet.startAll();
        return fleet;
    }

    private static Map<String, String> properties(String appId, String label, String protocol) {
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "processing.guarantee", "exactly_once_v2",
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "num.standby.replicas", "1",
                "session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()),
                "group.protocol", protocol));
        properties.put("iot.heartbeat.timeout", HEARTBEAT.toSeconds() + "s");
        properties.put("iot.heartbeat.check-interval", CHECK_INTERVAL.toSeconds() + "s");
        properties.put("iot.alert.cooldown", COOLDOWN.toSeconds() + "s");
        properties.put("iot.device.max-sensor-types", Integer.toString(CrashTraffic.MAX_SENSOR_TYPES));
        new IotMonitoringApp().topics().forEach(topic -> properties.put("topic." + topic.name(), label + "-" + topic.name()));
        if (protocol.equals("streams")) {
            // the standbys and the 6 s session timeout become the streams group's configs; a heartbeat every 2 s
            properties.put("group.configs.apply", "true");
            properties.put("heartbeat.interval.ms", "2000");
        }
        return properties;
    }

    /** What makes the comparison worth something: every kind of output is expected, and the dead letters add up. */
    private static void assertPremises(CrashTraffic traffic, CrashReference reference) {
        for (AlertType type : List.of(AlertType.THRESHOLD_HIGH, AlertType.THRESHOLD_LOW, AlertType.ANOMALY)) {
            assertThat(reference.alerts()).as("expected alerts of type %s", type)
                    .anyMatch(alert -> alert.value().type() == type);
        }
        assertThat(reference.alerts()).as("alerts raised by readings").noneMatch(alert ->
                alert.value().type() == AlertType.DEVICE_OFFLINE || alert.value().type() == AlertType.DEVICE_ONLINE);
        assertThat(reference.stats()).as("expected stats: every device and sensor, every live minute").hasSize(
                2 * (int) (traffic.devices().stream().filter(device -> !device.stops()).count() * CrashTraffic.ROUNDS
                        * CrashTraffic.STEP / CrashTraffic.MINUTE) + stopperStats(traffic));
        assertThat(reference.appDeadLetters()).as("readings of a third sensor type, dead-lettered by the app")
                .isEqualTo(traffic.refusedCount()).isPositive();
        assertThat(traffic.poisonCount()).as("poison records").isPositive();
    }

    private static int stopperStats(CrashTraffic traffic) {
        int minutes = 0;
        for (CrashTraffic.Plan stopper : traffic.stoppers()) {
            long last = traffic.lastReadingTime(stopper.id());
            minutes += (int) ((last - traffic.start()) / CrashTraffic.MINUTE) + 1;
        }
        return 2 * minutes;
    }

    private static CrashVerdict judge(CrashTraffic traffic, CrashReference reference, Map<String, IotAlert> offline,
                                      AppContext context, RoundSender sender) {
        Duration timeout = Duration.ofMinutes(1);
        List<ConsumerRecord<byte[], byte[]>> input = kafka.readAll(IotMonitoringApp.readings(context).name(), timeout);
        assertThat(input).as("the input as stored: every record sent, once").hasSize(sender.recordsSent());
        List<String> deadLetterBound = input.stream()
                .filter(record -> record.headers().lastHeader(CrashTraffic.EXPECT_DEAD_LETTER) != null)
                .map(record -> record.topic() + "-" + record.partition() + "@" + record.offset()).toList();
        assertThat(deadLetterBound).as("records bound for the dead-letter topic")
                .hasSize(traffic.poisonCount() + traffic.refusedCount());

        CrashVerdict verdict = new CrashVerdict();
        verdict.judgeStats(reference.stats(), kafka.readAll(IotMonitoringApp.stats(context).name(), timeout), context,
                PARTITIONS);
        List<CrashReference.Alert> alerts = alerts(context);
        verdict.judgeReadingAlerts(reference.alerts(), alerts.stream().filter(alert -> !isHeartbeat(alert.value())).toList());
        Map<String, Long> notBefore = new TreeMap<>();
        traffic.stoppers().forEach(stopper ->
                notBefore.put(stopper.id(), sender.sentAt(stopper.stopsAfter()) + HEARTBEAT.toMillis()));
        verdict.judgeHeartbeats(offline, alerts.stream().map(CrashReference.Alert::value)
                .filter(IotCrashRecoveryJarIT::isHeartbeat).toList(), notBefore);
        verdict.judgeDeadLetters(deadLetterBound, kafka.readAll(context.deadLetterTopic(), timeout));
        return verdict;
    }

    private static List<CrashReference.Alert> offlineEvents(AppContext context) {
        return alerts(context).stream().filter(alert -> alert.value().type() == AlertType.DEVICE_OFFLINE).toList();
    }

    /** The committed alerts as compared: {@code detectedAt} (wall clock) left out, the record's timestamp in. */
    private static List<CrashReference.Alert> alerts(AppContext context) {
        TopicSpec<String, IotAlert> topic = IotMonitoringApp.alerts(context);
        return kafka.readAll(topic.name(), Duration.ofMinutes(1)).stream().map(record -> CrashReference.Alert.of(
                topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value()),
                record.timestamp())).toList();
    }

    private static boolean isHeartbeat(IotAlert alert) {
        return alert.type() == AlertType.DEVICE_OFFLINE || alert.type() == AlertType.DEVICE_ONLINE;
    }

    static Duration between(Random random, Duration min, Duration max) {
        return min.plusMillis((long) (random.nextDouble() * (max.toMillis() - min.toMillis())));
    }
}
