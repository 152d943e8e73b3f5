package io.streamsuite.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one run.
 *
 * @param bootstrapServers  a cluster to use, or null for devkit's broker in a process of its own
 * @param records           records preloaded per app input and drained by each variant
 * @param heap              -Xms and -Xmx of every measured JVM, the same for all so that RSS compares
 * @param alosCommitMillis  commit.interval.ms of the at_least_once variants
 * @param profileApp        the app to profile with JFR, or null for the slowest one
 * @param memoryKeys        distinct keys of the memory test, 0 to skip it
 * @param compareJars       other jars of apps (an older build, say) drained in the same run beside the current ones,
 *                          as variant {@code <app> (<compareLabel>)}
 */
public record BenchOptions(Path root, Path benchJar, Path workDir, String bootstrapServers, int brokerPort,
                           List<App> apps, long records, int partitions, long seed, String heap,
                           long alosCommitMillis, Duration drainTimeout, boolean profile, App profileApp,
                           Duration latencyDuration, Duration latencyWarmup, List<Integer> latencyPercents,
                           long memoryKeys, String rocksdbBudget, Map<App, Path> compareJars, String compareLabel) {

    /** The settings as they go into the report. */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker", bootstrapServers == null ? "devkit broker (single KRaft node, own process)" : bootstrapServers);
        settings.put("apps", String.join(", ", apps.stream().map(App::module).toList()));
        settings.put("records per input", Long.toString(records));
        settings.put("partitions per topic", Integer.toString(partitions));
        settings.put("stream threads", "1");
        settings.put("heap of every measured JVM", "-Xms" + heap + " -Xmx" + heap);
        settings.put("commit.interval.ms", "exactly_once_v2: 100 (Streams' default); at_least_once: " + alosCommitMillis
                + "; raw baselines: 100");
        settings.put("generator seed", Long.toString(seed));
        settings.put("latency", latencyDuration.toMillis() == 0 ? "skipped" : latencyDuration.toSeconds()
                + " s per rate, warm-up " + latencyWarmup.toSeconds() + " s, at " + latencyPercents + " % of max");
        settings.put("memory test", memoryKeys == 0 ? "skipped" : memoryKeys + " distinct keys, rocksdb.memory.budget="
                + rocksdbBudget);
        compareJars.forEach((app, jar) -> settings.put("compared jar", app.module() + " (" + compareLabel + "): " + jar));
        settings.put("profile", profile ? (profileApp == null ? "slowest app" : profileApp.module()) + " with JFR"
                : "none");
        return settings;
    }
}
