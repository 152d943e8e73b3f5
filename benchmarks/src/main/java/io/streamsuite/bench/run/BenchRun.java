package io.streamsuite.bench.run;

import static io.streamsuite.bench.run.RunContext.EOS;

import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import io.streamsuite.bench.results.BenchResults.MemoryResult;
import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.ReplayResult;
import io.streamsuite.bench.results.BenchResults.SustainableRate;
import io.streamsuite.bench.stats.SteadyWindow;
import io.streamsuite.topologies.config.DataSizes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run, all on the same broker so that the ratios hold on a noisy machine: preload each app's input,
 * then the chosen modes in turn: throughput (every variant drained, repeated and interleaved), a steady-state
 * profile, latency (the sustainable maximum, then runs at shares of it), replay, and memory with many distinct keys.
 */
public final class BenchRun {

    private final BenchOptions options;
    private final PrintStream out;
    private final String runId = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);

    public BenchRun(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public BenchResults run(String command) throws IOException, InterruptedException {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadAtStart = MachineInfo.loadAverage();
        Path work = options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        out.println("run " + runId + ", work directory " + work);
        try (Broker broker = options.bootstrapServers() == null
                ? Broker.local(options.root().resolve("devkit/target/devkit.jar"), options.brokerPort(),
                        work.resolve("kafka-" + runId), work.resolve("logs/broker.log"), List.of("-Xmx1g"))
                : Broker.external(options.bootstrapServers());
             Admin admin = broker.admin();
             BrokerTopicBytes bytes = broker.isLocal() ? BrokerTopicBytes.attach(broker.pid()) : null) {
            Topics topics = new Topics(admin, options.partitions());
            Launcher launcher = new Launcher(options.root(), options.benchJar(), work, broker.bootstrapServers(),
                    List.of("-Xms" + options.heap(), "-Xmx" + options.heap()), options.alosCommitMillis(),
                    options.lingerMillis());
            DrainWatch watch = new DrainWatch(admin, topics, broker::cpuSeconds, options.startShare());
            Set<String> inputs = Set.of("transactions", "fraud-blocklist", "fraud-rules", "clickstream-events",
                    "iot-readings", "iot-devices");
            RunContext run = new RunContext(options, runId, broker.bootstrapServers(), launcher, topics, watch,
                    new WriteMeter(topics, bytes, inputs), out);
            run.say("Kafka at " + broker.bootstrapServers() + (broker.isLocal() ? " (devkit broker, its own process)"
                    : " (broker CPU and bytes not measured)"));
            if (options.has("throughput") || options.has("profile")) {
                new Preload(run).all();
            }
            List<DrainResult> drains = options.has("throughput") ? new ThroughputRun(run).run() : List.of();
            Profile profile = null;
            if (options.has("profile")) {
                try {
                    profile = profile(run);
                } catch (RuntimeException e) {
                    run.failed("profile", e);
                }
            }
            List<SustainableRate> sustainable = List.of();
            List<LatencyResult> latencies = List.of();
            if (options.has("latency")) {
                LatencyRun latency = new LatencyRun(run, drains);
                latency.run();
                sustainable = latency.sustainable();
                latencies = latency.latencies();
            }
            List<ReplayResult> replays = options.has("replay") ? new ReplayRun(run, drains).run() : List.of();
            List<MemoryResult> memory = new ArrayList<>();
            if (options.has("memory")) {
                for (App app : options.apps()) {
                    try {
                        memory.add(memory(run, app));
                    } catch (RuntimeException e) {
                        run.failed("memory of " + app.module(), e);
                    }
                }
            }
            return new BenchResults(runId, started, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command,
                    MachineInfo.read(loadAtStart), options.describe(), drains, sustainable, latencies, replays, memory,
                    profile, run.failures);
        }
    }

    /**
     * Drains the profiled app's input once more (exactly_once_v2) with async-profiler attached for the steady window
     * only: started when the window starts, stopped when the input is drained.
     */
    private Profile profile(RunContext run) throws InterruptedException, IOException {
        App app = options.profileApp();
        AsyncProfiler profiler = new AsyncProfiler(run.work());
        Path collapsed = run.work().resolve("profile-" + app.module() + "-" + runId + ".collapsed");
        run.say("profiling " + app.module() + "'s steady window with async-profiler: " + collapsed);
        String group = run.name("profile", app.module());
        Map<TopicPartition, Long> ends = run.topics.endOffsets(app.input());
        try (JavaProcess process = run.launcher.app(app, group, EOS, Map.of(), List.of())) {
            run.watch.await(group, ends, process, options.drainTimeout(),
                    () -> run.say("  steady window: profiling with event=" + profiler.start(process.pid())));
            profiler.stop(process.pid(), collapsed);
        }
        run.cleanUp(group, List.of());
        Profile profile = AsyncProfiler.read(app.module(), EOS, profiler.event(), collapsed);
        run.say(String.format(Locale.ROOT, "  %,d samples, %.1f %% native, %.1f %% kernel; on top: %s",
                profile.samples(), profile.nativeShare(), profile.kernelShare(), profile.selfFrames().stream()
                        .limit(3).map(s -> String.format(Locale.ROOT, "%s %.1f%%", s.name(), s.percent())).toList()));
        return profile;
    }

    private MemoryResult memory(RunContext run, App app) throws InterruptedException {
        String topic = run.name("mem", app.generator());
        run.topics.create(topic);
        run.say("memory: " + app.module() + " with " + options.memoryKeys() + " distinct keys in " + app.largestStore()
                + ", rocksdb.memory.budget=" + options.rocksdbBudget());
        new KeySpreadLoader(run.bootstrapServers).load(app, topic, options.memoryKeys(),
                System.currentTimeMillis() - options.memoryKeys());
        String group = run.name(app.module(), "mem");
        Map<TopicPartition, Long> ends = run.topics.endOffsets(topic);
        try (JavaProcess process = run.launcher.app(app, group, EOS, Map.of(app.inputKey(), topic,
                "rocksdb.memory.budget", options.rocksdbBudget()), List.of())) {
            DrainWatch.Drain drain = run.watch.await(group, ends, process, options.drainTimeout().multipliedBy(3));
            // after the drain: flushed memtables and the caches as full as the keys make them
            Thread.sleep(3_000);
            ProcessSample sample = process.sample();
            long stateBytes = directorySize(run.work().resolve("state").resolve(group));
            MemoryResult result = new MemoryResult(app.module(), app.largestStore(), options.memoryKeys(),
                    DataSizes.parse(options.rocksdbBudget()), options.heap(), sample.rssBytes(), sample.peakRssBytes(),
                    stateBytes);
            SteadyWindow window = drain.window();
            run.say(String.format(Locale.ROOT, "  %s: RSS %,d MB (peak %,d MB), state on disk %,d MB; drained %,.0f/s",
                    app.module(), result.rssBytes() >> 20, result.peakRssBytes() >> 20, stateBytes >> 20,
                    window.recordsPerSecond()));
            return result;
        } finally {
            run.cleanUp(group, List.of(topic));
        }
    }

    private static long directorySize(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
