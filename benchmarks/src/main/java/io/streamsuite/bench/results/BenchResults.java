package io.streamsuite.bench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of {@code bench run} measured, written as {@code results.json}; the report is made from this
 * file alone, so it can be regenerated (or restyled) without measuring again.
 *
 * @param command  the command line that produced it
 * @param settings the options of the run, by name
 * @param failures measurements that failed, each with its reason; the run went on without them
 */
public record BenchResults(String runId, String startedAt, String finishedAt, String command, Machine machine,
                           Map<String, String> settings, List<DrainResult> drains, List<LatencyResult> latencies,
                           List<MemoryResult> memory, Profile profile, List<String> failures) {

    /** The machine and JVM the run measured on. */
    public record Machine(String cpuModel, int cpus, long memTotalBytes, String os, String java, String kafka,
                          String loadAverageAtStart, String loadAverageAtEnd) {
    }

    /**
     * One drain of a preloaded topic by one variant.
     *
     * @param variant   raw-consume, raw-pipe, pass-through, or an app's name
     * @param input     the preloaded topic
     * @param guarantee at_least_once, exactly_once_v2, or "-" for the raw consumer
     */
    public record DrainResult(String variant, String input, String guarantee, long records, double seconds,
                              double recordsPerSecond, double cpuSeconds, double cpuSecondsPerMillion,
                              long peakRssBytes) {
    }

    /**
     * End-to-end latency at a fixed offered rate: from each input record's intended send time to its output being
     * readable with read_committed.
     */
    public record LatencyResult(String variant, String guarantee, int percentOfMax, double targetRate,
                                double achievedRate, long samples, double p50Ms, double p99Ms, double p999Ms,
                                double maxMs) {
    }

    /** An app's memory with many distinct keys in its largest store. */
    public record MemoryResult(String app, String store, long keys, long rocksdbBudgetBytes, String heap,
                               long rssBytes, long peakRssBytes, long stateDirBytes) {
    }

    /** Where an app's drain spent its time, from a JFR recording. */
    public record Profile(String app, String guarantee, String recording, long executionSamples,
                          List<Share> hotMethods, List<Share> hotOwnCode, List<Share> allocations) {
    }

    /** A method (or class) and its share of the samples (or allocated bytes). */
    public record Share(String name, double percent) {
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        mapper().writeValue(file.toFile(), this);
    }

    public static BenchResults read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), BenchResults.class);
    }
}
