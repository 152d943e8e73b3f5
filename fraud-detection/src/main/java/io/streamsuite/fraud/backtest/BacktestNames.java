package io.streamsuite.fraud.backtest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names of everything one backtest creates, all under its own {@code application.id}
 * ({@code <production application.id>-backtest-<UTC yyyyMMddHHmmssSSS>}), so that cleaning up is deleting what starts
 * with it, and nothing of production can be confused with it.
 */
public record BacktestNames(String applicationId) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    public static BacktestNames forRun(String productionApplicationId, Instant now) {
        return new BacktestNames(productionApplicationId + "-backtest-" + STAMP.format(now));
    }

    /** The copy of the input range the backtest reads: a finite input, so the run ends by itself. */
    public String input() {
        return applicationId + "-input";
    }

    /** The side topic the backtest's alerts go to, instead of the production alerts topic. */
    public String alerts() {
        return applicationId + "-alerts";
    }

    /**
     * An empty rule-overrides topic: the backtest runs the settings of the file and {@code --set}, which overrides in
     * production's {@code fraud-rules} topic would otherwise replace.
     */
    public String rules() {
        return applicationId + "-rules";
    }

    /** The backtest's own dead-letter topic, so that production's never sees the range's bad records twice. */
    public String deadLetters() {
        return applicationId + "-dlq";
    }

    /** Whether a topic is one of this backtest's: its own or one Kafka Streams made for it. */
    public boolean owns(String topic) {
        return topic.startsWith(applicationId + "-");
    }
}
