package io.streamsuite.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one run.
 *
 * @param bootstrapServers  a cluster to use, or null for devkit's broker in a process of its own
 * @param modes             what to measure: throughput, profile, latency, replay, memory
 * @param records           records preloaded per app input and drained by each variant
 * @param cards             cards of the fraud preload, 0 for as many as make every history steady before the window
 * @param devices           devices of the IoT preload, 0 likewise
 * @param repeats           drains of each variant, interleaved round by round
 * @param startShare        the share of the input committed when the steady window starts
 * @param variants          the variants to drain (empty for all)
 * @param guarantees        the processing guarantees to measure under (both by default)
 * @param heap              -Xms and -Xmx of every measured JVM, the same for all so that RSS compares
 * @param alosCommitMillis  commit.interval.ms of the at_least_once variants
 * @param lingerMillis      the producers' linger.ms in every variant
 * @param profileApp        the app to profile
 * @param latencyPrewarm    how long each latency run (and the search for the maximum) runs before it counts
 * @param latencyDuration   how long each latency run counts
 * @param stepDuration      how long each step of the search for the sustainable maximum lasts
 * @param stepFactor        how much each step raises the offered rate
 * @param startRate         the search's first rate when no drain of the variant ran (else 30 % of its median)
 * @param markerRate        marker transactions per second in every latency run
 * @param latencyCards      cards of the latency runs' load
 * @param replayDays        days of 5-minute readings in the IoT replay
 * @param replayDevices     devices in the IoT replay
 * @param replayCards       cards in the day of transactions replayed
 * @param memoryKeys        distinct keys of the memory test
 * @param compareJars       other jars of apps (an older build, say) drained in the same run beside the current ones,
 *                          as variant {@code <app> (<compareLabel>)}
 */
public record BenchOptions(Path root, Path benchJar, Path workDir, String bootstrapServers, int brokerPort,
                           Set<String> modes, List<App> apps, long records, int cards, int devices, int repeats,
                           double startShare, Set<String> variants, List<String> guarantees, int partitions, long seed, String heap,
                           long alosCommitMillis, long lingerMillis, Duration drainTimeout, App profileApp,
                           Duration latencyPrewarm, Duration latencyDuration, List<Integer> latencyPercents,
                           Duration stepDuration, double stepFactor, double startRate, double markerRate,
                           int latencyCards, int replayDays, int replayDevices, int replayCards, long memoryKeys,
                           String rocksdbBudget, Map<App, Path> compareJars, String compareLabel) {

    public static final List<String> ALL_MODES = List.of("throughput", "profile", "latency", "replay", "memory");

    public boolean has(String mode) {
        return modes.contains(mode);
    }

    public boolean drains(String variant) {
        return variants.isEmpty() || variants.contains(variant);
    }

    /** The settings as they go into the report. */
    public Map<String, String> describe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("broker", bootstrapServers == null ? "devkit broker (single KRaft node, own process)" : bootstrapServers);
        settings.put("modes", String.join(", ", ALL_MODES.stream().filter(modes::contains).toList()));
        settings.put("apps", String.join(", ", apps.stream().map(App::module).toList()));
        settings.put("records per input", Long.toString(records));
        settings.put("steady window", String.format(Locale.ROOT, "from %.0f %% of the input committed to the end",
                startShare * 100));
        settings.put("repeats of each variant", repeats + ", interleaved round by round");
        settings.put("guarantees", String.join(", ", guarantees));
        settings.put("partitions per topic", Integer.toString(partitions));
        settings.put("stream threads", "1");
        settings.put("heap of every measured JVM", "-Xms" + heap + " -Xmx" + heap);
        settings.put("commit.interval.ms", "exactly_once_v2: 100 (Streams' default); at_least_once: " + alosCommitMillis
                + "; the same for the raw pipe and every baseline");
        settings.put("producer linger.ms", lingerMillis + " in every variant that produces");
        settings.put("generator seed", Long.toString(seed));
        if (modes.contains("latency")) {
            settings.put("latency", String.format(Locale.ROOT, "search for the sustainable maximum in steps of %.2fx"
                            + " lasting %d s (first rate %s); then runs at %s %% of it, each on fresh topics and a fresh"
                            + " application.id, pre-warmed %d s, counted %d s; markers at %.0f/s; %d cards",
                    stepFactor, stepDuration.toSeconds(), startRate > 0 ? String.format(Locale.ROOT, "%.0f/s",
                            startRate) : "30 % of the drain median", latencyPercents, latencyPrewarm.toSeconds(),
                    latencyDuration.toSeconds(), markerRate, latencyCards));
        }
        if (modes.contains("replay")) {
            settings.put("replay", replayDays + " days of 5-minute readings of " + replayDevices + " devices; a day of"
                    + " transactions of " + replayCards + " cards");
        }
        if (modes.contains("memory")) {
            settings.put("memory test", memoryKeys + " distinct keys, rocksdb.memory.budget=" + rocksdbBudget);
        }
        if (modes.contains("profile")) {
            settings.put("profile", profileApp.module() + " with async-profiler 4.1, its steady window");
        }
        compareJars.forEach((app, jar) -> settings.put("compared jar", app.module() + " (" + compareLabel + "): " + jar));
        return settings;
    }
}
