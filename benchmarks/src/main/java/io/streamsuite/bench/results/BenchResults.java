package io.streamsuite.bench.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
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
                           Map<String, String> settings, List<DrainResult> drains, List<SustainableRate> sustainable,
                           List<LatencyResult> latencies, List<ReplayResult> replays, List<MemoryResult> memory,
                           Profile profile, List<String> failures) {

    /** A results file of a run without some modes has no lists for them: empty, not null. */
    public BenchResults {
        drains = drains == null ? List.of() : drains;
        sustainable = sustainable == null ? List.of() : sustainable;
        latencies = latencies == null ? List.of() : latencies;
        replays = replays == null ? List.of() : replays;
        memory = memory == null ? List.of() : memory;
        failures = failures == null ? List.of() : failures;
    }

    /** The machine and JVM the run measured on. */
    public record Machine(String cpuModel, int cpus, long memTotalBytes, String os, String java, String kafka,
                          String loadAverageAtStart, String loadAverageAtEnd) {
    }

    /**
     * One drain of a preloaded topic by one variant, timed in its steady window.
     *
     * @param variant             raw-consume, raw-pipe, pass-through, decode-validate-encode, kv-get-put, or an app
     * @param input               the preloaded topic
     * @param guarantee           at_least_once, exactly_once_v2, or "-" for the raw consumer
     * @param repeat              1, 2, 3...: the round of the interleaved repeats
     * @param records             input records inside the steady window
     * @param seconds             its wall time
     * @param appCpuPerMillion    CPU seconds of the variant's process per million input records
     * @param brokerCpuPerMillion CPU seconds of the broker per million input records (NaN for an external cluster)
     * @param writes              what each input record made the variant write, over the whole drain
     */
    public record DrainResult(String variant, String input, String guarantee, int repeat, long records,
                              double seconds, double recordsPerSecond, double appCpuPerMillion,
                              double brokerCpuPerMillion, long peakRssBytes, Writes writes) {
    }

    /**
     * Records and bytes written per input record, by kind of topic; bytes are the broker's count (NaN when the
     * broker's metrics could not be read).
     */
    public record Writes(double outputRecords, double changelogRecords, double repartitionRecords,
                         double outputBytes, double changelogBytes, double repartitionBytes) {

        public double totalRecords() {
            return outputRecords + changelogRecords + repartitionRecords;
        }

        public double totalBytes() {
            return outputBytes + changelogBytes + repartitionBytes;
        }
    }

    /** The search for a variant's sustainable maximum rate, with the generator running on the same machine. */
    public record SustainableRate(String variant, String guarantee, double sustainableRate, List<Step> steps) {
    }

    /** One step of that search. */
    public record Step(double offeredRate, double sentRate, boolean bounded, String reason) {
    }

    /**
     * End-to-end latency at a fixed offered rate: from each marker record's intended send time to its output being
     * readable with read_committed, counted after the pre-warm.
     */
    public record LatencyResult(String variant, String guarantee, int percentOfMax, double sustainableRate,
                                double targetRate, double achievedRate, double seconds, long samples, double p50Ms,
                                double p99Ms, double p999Ms, double maxMs) {
    }

    /**
     * A replay of history drained at full speed, against the same app's steady-state drain of live-shaped input.
     *
     * @param liveRecordsPerSecond the median steady-state drain of the app under the same guarantee in this run, NaN
     *                             when it did not run
     */
    public record ReplayResult(String app, String name, String guarantee, long records, String eventTimeSpan,
                               double recordsPerSecond, double appCpuPerMillion, double liveRecordsPerSecond) {
    }

    /** An app's memory with many distinct keys in its largest store. */
    public record MemoryResult(String app, String store, long keys, long rocksdbBudgetBytes, String heap,
                               long rssBytes, long peakRssBytes, long stateDirBytes) {
    }

    /**
     * Where an app's steady-state drain spent its CPU, from async-profiler (Java, native and kernel frames).
     *
     * @param event        async-profiler's event: cpu (perf_events) or itimer
     * @param samples      samples in the steady window
     * @param selfFrames   the frames on top of the stacks (self time)
     * @param ownCode      the first frame of the suite's own code in each stack (time in and below it)
     * @param nativeShare  % of samples whose top frame is native (JVM, RocksDB, libc), kernel excluded
     * @param kernelShare  % of samples whose top frame is the kernel's
     */
    public record Profile(String app, String guarantee, String event, String collapsedFile, long samples,
                          List<Share> selfFrames, List<Share> ownCode, double nativeShare, double kernelShare) {
    }

    /** A frame and its share of the samples. */
    public record Share(String name, double percent) {
    }

    private static ObjectMapper mapper() {
        // NaN (bytes unknown) is written as a JSON token and read back
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        mapper().writeValue(file.toFile(), this);
    }

    public static BenchResults read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), BenchResults.class);
    }
}
