package io.streamsuite.topologies.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Decides what happens when a stream thread dies. A transient error (a {@link RetriableException} anywhere in the
 * cause chain, such as a broker timing out, or an {@link UnknownServerException}: the broker failing on its side) gets a
 * fresh thread; anything else, and transient errors that keep coming, shut this client down so the process exits
 * non-zero and its supervisor can act.
 *
 * <p>The broker's own failure is retried because Kafka 4.4.0's group coordinator throws on the heartbeat of a streams
 * group member with an {@code application.server} while the group's internal topics do not exist yet (a new group
 * joined by several instances at once): the member gets {@code UNKNOWN_SERVER_ERROR}, fatal to its thread, and a
 * fresh thread joins fine once the topics exist.
 */
final class ThreadFailurePolicy {

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentReplacements = new ArrayDeque<>();

    /**
     * @param maxReplacements how many threads may be replaced within {@code window} before giving up
     */
    ThreadFailurePolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    synchronized StreamThreadExceptionResponse decide(Throwable error) {
        if (!isTransient(error)) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Instant now = clock.instant();
        while (!recentReplacements.isEmpty() && recentReplacements.peekFirst().isBefore(now.minus(window))) {
            recentReplacements.pollFirst();
        }
        if (recentReplacements.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recentReplacements.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof UnknownServerException) {
                return true;
            }
        }
        return false;
    }
}
