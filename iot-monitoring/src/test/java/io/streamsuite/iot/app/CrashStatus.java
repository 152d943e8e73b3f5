package io.streamsuite.iot.app;

import io.streamsuite.topologies.runtime.GroupLag;
import io.streamsuite.topologies.testing.AppFleet;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The IoT crash test's progress lines: time since the start, rounds sent, records the group has not yet committed as
 * processed ({@link GroupLag}), kills and restarts; printed every few seconds while the test waits, and at each event.
 */
final class CrashStatus {

    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String label;
    private final long startNanos;
    private final Admin admin;
    private final String groupId;
    private final AppFleet fleet;
    private final RoundSender sender;
    private long printedNanos;

    CrashStatus(String label, long startNanos, Admin admin, String groupId, AppFleet fleet, RoundSender sender) {
        this.label = label;
        this.startNanos = startNanos;
        this.admin = admin;
        this.groupId = groupId;
        this.fleet = fleet;
        this.sender = sender;
    }

    void log(String format, Object... args) {
        System.out.printf("[%s %6.1f s] %s%n", label, (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
        System.out.flush();
    }

    /** Lets time pass (the kills' moments and downtimes are times), printing the status meanwhile. */
    void pause(Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        await(Duration.ofDays(1), () -> System.nanoTime() >= end);
    }

    /** Polls the condition, printing the status every few seconds; false if it did not hold within the timeout. */
    boolean await(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - printedNanos >= EVERY.toNanos()) {
                printedNanos = System.nanoTime();
                log("%s", this);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return true;
    }

    /** Records not yet committed as processed; -1 while Kafka cannot say (the group has not committed yet). */
    long behind() {
        try {
            return GroupLag.recordsBehind(admin, groupId, Duration.ofSeconds(10));
        } catch (IllegalStateException unanswered) {
            return -1;
        }
    }

    @Override
    public String toString() {
        long behind = behind();
        return String.format("rounds sent %d + tail %d, not yet processed %s, kills %d, restarts %d",
                sender.liveRoundsSent(), sender.tailRoundsSent(), behind < 0 ? "unknown" : Long.toString(behind),
                fleet.kills(), fleet.restarts());
    }
}
