package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppFleet;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issues 21 and 22 under {@code kill -9}: two instances of the shipped jar under {@code exactly_once_v2} (static
 * members, each on its own state directory) drain over six hours of history on three input partitions, sent over
 * 20 s (about 19 minutes of event time a second): the load. One instance is killed mid-stream and restarted only once the other has
 * processed more than an hour of event time past it, with its tasks unassigned all the while (static membership, a
 * session timeout longer than the downtime), so that the merges see one partition's marks an hour behind the others';
 * then instances are killed at random moments for a few seconds. Every output (page views with exact unique visitors,
 * rankings, sessions, funnel hours, bot alerts), read with {@code read_committed} once all is processed, must equal
 * what the events make, record for record.
 *
 * <p>The idle timeout (the contract's 1 minute) cannot fire for the killed instance's partitions: a task marks itself
 * idle from a wall-clock punctuation of the running task, and a killed instance runs no task; on restart each task
 * starts its idle clock anew and has a backlog to process at once. So the killed partitions' last marks hold the
 * windows back, which is what must make the outputs exact.
 *
 * <p>{@code crash.seed} (default fixed, so that a failure replays) chooses the traffic and the kill schedule,
 * {@code crash.seconds} how long the history takes to send.
 */
class ClickstreamCrashIT {

    private static final long SEED = Long.getLong("crash.seed", 20_261_208L);
    private static final Duration FEED = Duration.ofSeconds(Long.getLong("crash.seconds", 20));
    private static final Path JAR = Path.of("target", "clickstream.jar");
    private static final String APP_ID = "clickstream-crash-it";
    private static final int PARTITIONS = 3;
    private static final int INSTANCES = 2;
    private static final int SHORT_KILLS = 2;
    /** How far the survivor must be past the victim, in event time, before the victim comes back. */
    private static final Duration SKEW = Duration.ofHours(1);
    /** Longer than the long downtime plus a JVM's start, so that the victim's tasks wait for it rather than move. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MAX_LONG_DOWN = Duration.ofSeconds(45);
    private static final Duration MAX_SHORT_DOWN = Duration.ofSeconds(3);

    private static EmbeddedKafka kafka;

    private final long startNanos = System.nanoTime();
    private long lastStatusNanos;

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

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killNineWithAnHourOfSkewAndAtRandomMomentsLeavesEveryOutputExact() throws Exception {
        Random random = new Random(SEED);
        ClickHistory history = ClickHistory.sixHours(SEED);
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "processing.guarantee", "exactly_once_v2",
                "group.protocol", "classic",
                "session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()),
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS)));
        AppContext context = ConfiguredApp.of(new ClickstreamApp(), properties).context();
        TopicSpec<String, ClickEvent> input = ClickstreamApp.events(context);
        kafka.createTopic(input.name(), PARTITIONS);
        List<ClickEvent> flush = history.flush(PARTITIONS);
        List<ClickEvent> sent = new ArrayList<>(history.events());
        sent.addAll(flush);
        InputProgress progress = new InputProgress(kafka.admin(), APP_ID, input.name(), PARTITIONS, sent);
        log("seed %d: %d events over %.1f h of event time, sent over %d s to %d instances", SEED, sent.size(),
                (history.last() - history.first()) / 3.6e6, FEED.toSeconds(), INSTANCES);

        try (AppFleet fleet = new AppFleet(JAR, properties, INSTANCES, Path.of("target", "crash-it"));
             HistoryFeed feed = new HistoryFeed(kafka.bootstrapServers(), ClickHistory.records(history.events(), input),
                     ClickHistory.records(flush, input), FEED)) {
            Status status = () -> status(fleet, feed, progress, history.first());
            fleet.startAll();
            // both at work on input partitions before the load, so that the group's assignment is settled
            waitFor("both instances ready, each with input partitions", Duration.ofMinutes(3), status,
                    () -> fleet.ready().size() == INSTANCES && progress.owners().values().stream()
                            .filter(own -> !own.isEmpty()).count() == INSTANCES);
            feed.start();

            killUntilSkewed(fleet, progress, random, history, status);
            for (int kill = 1; kill <= SHORT_KILLS; kill++) {
                pause(between(random, Duration.ofSeconds(1), Duration.ofSeconds(5)), status);
                List<Integer> ready = new ArrayList<>();
                waitFor("an instance ready to be killed", Duration.ofMinutes(2), status, () -> {
                    ready.clear();
                    ready.addAll(fleet.ready());
                    return !ready.isEmpty();
                });
                int victim = ready.get(random.nextInt(ready.size()));
                long pid = fleet.kill(victim);
                Duration down = between(random, Duration.ZERO, MAX_SHORT_DOWN);
                log("kill -9 of instance %d (pid %d), down for %.1f s", victim, pid, down.toMillis() / 1000.0);
                pause(down, status);
                fleet.restart(victim);
            }

            feed.awaitDone(FEED.plusMinutes(2));
            waitFor("every instance ready and the input processed", Duration.ofMinutes(4), status, () -> {
                assertThat(fleet.exited()).as("instances that exited by themselves").isEmpty();
                return fleet.allReady() && progress.committed().values().stream().mapToLong(Long::longValue).sum()
                        == sent.size();
            });
            kafka.awaitCaughtUp(APP_ID, Duration.ofMinutes(2));
            assertThat(progress.storedAsSent(kafka.readAll(input.name(), Duration.ofMinutes(1))))
                    .as("every event stored once, at the partition and offset the progress figures assumed").isTrue();

            CommittedOutputs outputs = CommittedOutputs.read(kafka, context, history.expected(), Duration.ofMinutes(1));
            double dropped = 0;
            for (int i = 0; i < INSTANCES; i++) {
                dropped += AppMetrics.sum(fleet.uri(i, "/metrics"), "kafka_stream_task_dropped_records_total");
            }
            System.out.printf("[crash] RESULT events %d, kills %d, restarts %d, %s, dropped records %.0f, time %.0f s"
                            + " (seed %d)%n", sent.size(), fleet.kills(), fleet.restarts(), outputs.counts(), dropped,
                    seconds(), SEED);
            outputs.assertEqualTo(history.expected());
            // the counters of the runs that were killed are gone: the exact outputs above are the full proof
            assertThat(dropped).as("dropped-records of the last runs").isZero();
            assertThat(fleet.exited()).as("instances that exited by themselves").isEmpty();
            fleet.stopAll();
            assertThat(fleet.unexpectedErrors()).as("ERROR lines in the instances' logs").isEmpty();
        }
    }

    /**
     * Kills an instance mid-stream and keeps it down until the other has processed more than {@link #SKEW} of event
     * time past it, then restarts it. Its partitions must still be its own then: the coordinator keeps a static
     * member's assignment until the session times out, and nothing else may have committed on them.
     */
    private void killUntilSkewed(AppFleet fleet, InputProgress progress, Random random, ClickHistory history,
                                 Status status) throws Exception {
        waitFor("every input partition processed in part", Duration.ofMinutes(1), status,
                () -> progress.committed().values().stream().allMatch(offset -> offset > 0));
        pause(between(random, Duration.ZERO, Duration.ofSeconds(3)), status);
        Map<String, Set<Integer>> owners = progress.owners();
        log("input partitions by member: %s", owners);
        int victim = random.nextInt(INSTANCES);
        Set<Integer> victims = InputProgress.ownedBy(owners, APP_ID + "-" + victim);
        Set<Integer> survivors = InputProgress.ownedBy(owners, APP_ID + "-" + (1 - victim));
        long pid = fleet.kill(victim);
        long killedNanos = System.nanoTime();
        // a commit the victim had under way when it died may still complete
        pause(Duration.ofSeconds(1), status);
        Map<Integer, Long> atKill = progress.committed();
        long victimTime = progress.eventTimes(victims, atKill)[1];
        log("kill -9 of instance %d (pid %d), input partitions %s at event time +%s, the other's %s", victim, pid,
                victims, since(history.first(), victimTime), survivors);
        assertThat(victimTime).as("room left in the history for the other to get an hour ahead")
                .isLessThan(history.last() - SKEW.multipliedBy(2).toMillis());

        waitFor("the other instance more than " + SKEW.toMinutes() + " min of event time ahead", MAX_LONG_DOWN, status,
                () -> progress.eventTimes(survivors, progress.committed())[0] > victimTime + SKEW.toMillis());
        Map<Integer, Long> atRestart = progress.committed();
        for (int partition : victims) {
            assertThat(atRestart.get(partition)).as("partition %d untouched while its instance is down", partition)
                    .isEqualTo(atKill.get(partition));
        }
        assertThat(progress.owners()).as("the static member keeps its tasks while it is down").isEqualTo(owners);
        log("restarting instance %d after %.1f s down: the other at event time +%s", victim,
                (System.nanoTime() - killedNanos) / 1e9,
                since(history.first(), progress.eventTimes(survivors, atRestart)[0]));
        fleet.restart(victim);
    }

    /** What the progress lines say besides the time. */
    private interface Status {
        String get();
    }

    private String status(AppFleet fleet, HistoryFeed feed, InputProgress progress, long first) {
        Map<Integer, Long> committed = progress.committed();
        StringBuilder line = new StringBuilder(String.format("sent %d of %d; processed up to", feed.acknowledged(),
                feed.total()));
        committed.forEach((partition, offset) -> line.append(String.format(" p%d +%s", partition,
                since(first, progress.eventTime(partition, offset)))));
        return line.append(String.format("; ready %s; kills %d, restarts %d", fleet.ready(), fleet.kills(),
                fleet.restarts())).toString();
    }

    /** Polls every quarter second, printing the status every 5 s; fails after the timeout. */
    private void waitFor(String what, Duration timeout, Status status, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not " + what + " within " + timeout + ": " + status.get());
            }
            if (System.nanoTime() - lastStatusNanos > TimeUnit.SECONDS.toNanos(5)) {
                lastStatusNanos = System.nanoTime();
                log("%s", status.get());
            }
            Thread.sleep(250);
        }
        log("%s: %s", what, status.get());
    }

    private void pause(Duration duration, Status status) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        waitFor("paused " + duration.toMillis() + " ms", duration.plusSeconds(5), status, () -> System.nanoTime() >= end);
    }

    private void log(String format, Object... args) {
        System.out.printf("[crash %5.1f s] %s%n", seconds(), String.format(format, args));
        System.out.flush();
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** An event time as hours and minutes after the history's start. */
    private static String since(long first, long time) {
        if (time == Long.MIN_VALUE) {
            return "-";
        }
        long minutes = (time - first) / 60_000;
        return String.format("%d:%02d", minutes / 60, minutes % 60);
    }

    private static Duration between(Random random, Duration min, Duration max) {
        return min.plusMillis((long) (random.nextDouble() * (max.toMillis() - min.toMillis())));
    }
}
