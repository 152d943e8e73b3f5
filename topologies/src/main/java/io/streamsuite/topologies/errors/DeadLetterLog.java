package io.streamsuite.topologies.errors;

import io.streamsuite.topologies.config.LogText;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * What the dead-letter handlers log, bounded: a flood of bad records must not become a flood of log lines (each
 * record is in the dead-letter topic with its reason, and counted in the metrics). The first dead letter of each
 * topic is logged with its reason; after that, the first dead letter at least {@link #SUMMARY_EVERY} after the last
 * line logs how many more there were since, by reason.
 */
final class DeadLetterLog {

    static final Duration SUMMARY_EVERY = Duration.ofSeconds(10);

    private final Logger log;
    private final Clock clock;
    private final Map<String, Summary> byTopic = new TreeMap<>();

    DeadLetterLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** A record of {@code topic} dead-lettered: {@code where} names it (partition, offset), {@code reason} why. */
    synchronized void deadLettered(String topic, String where, String reason) {
        long now = clock.millis();
        Summary summary = byTopic.get(topic);
        if (summary == null) {
            byTopic.put(topic, new Summary(now));
            log.warn("Dead-lettered {}: {} (further dead letters of {} are summed up every {} s)", where,
                    LogText.of(reason), topic, SUMMARY_EVERY.toSeconds());
            return;
        }
        summary.reasons.merge(LogText.of(reason, 120), 1, Integer::sum);
        if (now - summary.since >= SUMMARY_EVERY.toMillis()) {
            log.warn("Dead-lettered {} more records of {} in the last {} s: {}", summary.count(), topic,
                    (now - summary.since) / 1000, summary.reasons);
            summary.reasons.clear();
            summary.since = now;
        }
    }

    private static final class Summary {
        /** Reasons to counts; the reasons name what is wrong, not the record's content. */
        final Map<String, Integer> reasons = new TreeMap<>();
        long since;

        Summary(long since) {
            this.since = since;
        }

        int count() {
            return reasons.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
