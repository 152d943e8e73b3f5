package io.streamsuite.topologies.errors;

import io.streamsuite.topologies.serde.EventTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far ahead of this instance's clock an event may be stamped. Stream time is the highest event time a task has
 * seen, so a single event from a broken clock a day ahead would close every open window of its partition and make
 * the next day of on-time events late. Such an event is dead-lettered instead; one within the limit shortens the
 * partition's grace periods by at most the limit.
 *
 * <p>Brokers guard the record timestamp the same way ({@code log.message.timestamp.after.max.ms}), but the apps take
 * event time from the payload, which no broker checks.
 */
public final class FutureEventTimeLimit {

    private final Duration maxAhead;
    private final Clock clock;

    public FutureEventTimeLimit(Duration maxAhead, Clock clock) {
        this.maxAhead = maxAhead;
        this.clock = clock;
    }

    /** Why the event is too far ahead, or empty when it is not (or carries no time of its own). */
    public Optional<String> problem(Object value) {
        if (!(value instanceof EventTime event) || event.timestamp() == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        long ahead = event.timestamp() - now;
        if (ahead <= maxAhead.toMillis()) {
            return Optional.empty();
        }
        return Optional.of("timestamp " + Instant.ofEpochMilli(event.timestamp()) + " is " + Duration.ofMillis(ahead)
                + " ahead of this instance's clock (" + Instant.ofEpochMilli(now) + "); at most " + maxAhead
                + " is accepted (event.time.max-future)");
    }
}
