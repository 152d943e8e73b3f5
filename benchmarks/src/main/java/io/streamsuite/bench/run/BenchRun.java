package io.streamsuite.bench.run;

import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import io.streamsuite.bench.results.BenchResults.MemoryResult;
import io.streamsuite.bench.results.BenchResults.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run, all on the same broker so that the ratios hold on a noisy machine: preload each app's input,
 * drain it with every variant (raw consumer, raw pipe, pass-through and the app, under both guarantees), profile the
 * slowest app, measure open-loop latency, then memory with many distinct keys.
 */
public final class BenchRun {

    public static final String ALOS = "at_least_once";
    public static final String EOS = "exactly_once_v2";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BenchOptions options;
    private final PrintStream out;
    private final String runId = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
    private final List<DrainResult> drains = new ArrayList<>();
    private final List<LatencyResult> latencies = new ArrayList<>();
    private final List<MemoryResult> memory = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Launcher launcher;
    private Topics topics;
    private DrainWatch watch;
    private String bootstrapServers;

    public BenchRun(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public BenchResults run(String command) throws IOException, InterruptedException {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadAtStart = MachineInfo.loadAverage();
        Path work = options.workDir().toAbsolutePath();
        Files.createDirectories(work);
        say("run " + runId + ", work directory " + work);
        try (Broker broker = options.bootstrapServers() == null
                ? Broker.local(options.root().resolve("devkit/target/devkit.jar"), options.brokerPort(),
                        work.resolve("kafka-" + runId), work.resolve("logs/broker.log"), List.of("-Xmx1g"))
                : Broker.external(options.bootstrapServers());
             Admin admin = broker.admin()) {
            bootstrapServers = broker.bootstrapServers();
            say("Kafka at " + bootstrapServers + (broker.isLocal() ? " (devkit broker, its own process)" : ""));
            launcher = new Launcher(options.root(), options.benchJar(), work, bootstrapServers,
                    List.of("-Xms" + options.heap(), "-Xmx" + options.heap()), options.alosCommitMillis());
            topics = new Topics(admin, options.partitions());
            watch = new DrainWatch(admin, topics);
            preload();
            for (App app : options.apps()) {
                drainAll(app);
            }
            Profile profile = null;
            if (options.profile()) {
                try {
                    profile = profileSlowest();
                } catch (RuntimeException e) {
                    failed("profile", e);
                }
            }
            if (options.latencyDuration().toMillis() > 0) {
                latency();
            }
            if (options.memoryKeys() > 0) {
                for (App app : options.apps()) {
                    try {
                        memory(app);
                    } catch (RuntimeException e) {
                        failed("memory of " + app.module(), e);
                    }
                }
            }
            return new BenchResults(runId, started, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command,
                    MachineInfo.read(loadAtStart), options.describe(), drains, latencies, memory, profile, failures);
        }
    }

    private void preload() throws InterruptedException {
        say("creating the apps' topics and preloading " + options.records() + " records per app (devkit generate)");
        JavaProcess create = JavaProcess.start("create-topics", List.of(), List.of("-jar",
                launcher.devkitJar().toString(), "create-topics", "--bootstrap-servers", bootstrapServers,
                "--partitions", Integer.toString(options.partitions())),
                options.workDir().toAbsolutePath().resolve("logs/create-topics.log"));
        expectSuccess(create, Duration.ofMinutes(2));
        for (App app : options.apps()) {
            JavaProcess load = launcher.generate("preload-" + app.generator(), app, List.of("--rate", "0",
                    "--count", Long.toString(options.records()), "--seed", Long.toString(options.seed())));
            expectSuccess(load, Duration.ofMinutes(10));
            say("  " + app.input() + ": " + Topics.total(topics.endOffsets(app.input())) + " records");
        }
    }

    private void drainAll(App app) throws InterruptedException {
        String input = app.input();
        drain("raw-consume", input, "-", group("raw-consume", input, "-"),
                group -> launcher.rawConsume(group, input));
        String pipeOut = "bench-" + runId + "-pipe-" + input;
        topics.create(pipeOut);
        drain("raw-pipe", input, "at_least_once", group("raw-pipe", input, ALOS),
                group -> launcher.rawPipe(group, input, pipeOut));
        for (String guarantee : List.of(ALOS, EOS)) {
            String passOut = "bench-" + runId + "-pass-" + input + "-" + shortName(guarantee);
            topics.create(passOut);
            drain("pass-through", input, guarantee, group("pass-through", input, guarantee),
                    group -> launcher.passThrough(group, input, passOut, guarantee, "earliest", List.of()));
        }
        Path compared = options.compareJars().get(app);
        for (String guarantee : List.of(ALOS, EOS)) {
            if (compared != null) {
                // right before the current jar, so that both see the machine in the same state
                drain(app.module() + " (" + options.compareLabel() + ")", input, guarantee,
                        group(app.module() + "-compared", input, guarantee),
                        group -> launcher.app(app, compared, group, guarantee, Map.of(), List.of()));
            }
            drain(app.module(), input, guarantee, group(app.module(), input, guarantee),
                    group -> launcher.app(app, group, guarantee, Map.of(), List.of()));
        }
    }

    private DrainResult drain(String variant, String input, String guarantee, String group,
                              java.util.function.Function<String, JavaProcess> start) throws InterruptedException {
        Map<TopicPartition, Long> ends = topics.endOffsets(input);
        try (JavaProcess process = start.apply(group)) {
            DrainWatch.Drain drain = watch.await(group, ends, process, options.drainTimeout());
            DrainResult result = new DrainResult(variant, input, guarantee, drain.records(), drain.seconds(),
                    drain.recordsPerSecond(), drain.cpuSeconds(), drain.cpuSecondsPerMillion(), drain.peakRssBytes());
            say(String.format(Locale.ROOT, "  %-16s %-15s %-18s %,9d records in %6.2f s: %,9.0f/s, %6.1f CPU s per"
                            + " million, peak RSS %,d MB", variant, shortName(guarantee), input, result.records(),
                    result.seconds(), result.recordsPerSecond(), result.cpuSecondsPerMillion(),
                    result.peakRssBytes() >> 20));
            drains.add(result);
            return result;
        }
    }

    /** Drains the slowest app's input once more (exactly_once_v2) under JFR's profiling settings. */
    private Profile profileSlowest() throws InterruptedException, IOException {
        DrainResult slowest = drains.stream()
                .filter(d -> d.guarantee().equals(EOS) && options.apps().stream().anyMatch(a -> a.module().equals(d.variant())))
                .filter(d -> options.profileApp() == null || d.variant().equals(options.profileApp().module()))
                .min(Comparator.comparingDouble(DrainResult::recordsPerSecond))
                .orElseThrow(() -> new IllegalStateException("No app drained to profile"));
        App app = App.of(slowest.variant());
        Path recording = options.workDir().toAbsolutePath().resolve("profile-" + app.module() + "-" + runId + ".jfr");
        say("profiling " + app.module() + " (" + (options.profileApp() == null ? "the slowest app" : "chosen")
                + ") with JFR: " + recording);
        String group = group(app.module() + "-jfr", app.input(), EOS);
        Map<TopicPartition, Long> ends = topics.endOffsets(app.input());
        try (JavaProcess process = launcher.app(app, group, EOS, Map.of(), List.of(
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"))) {
            watch.await(group, ends, process, options.drainTimeout());
        }
        Profile profile = JfrHotMethods.read(app.module(), EOS, recording);
        say("  " + profile.executionSamples() + " samples; our code on top: " + profile.hotOwnCode().stream()
                .limit(3).map(s -> String.format(Locale.ROOT, "%s %.1f%%", s.name(), s.percent())).toList());
        return profile;
    }

    private void latency() throws InterruptedException {
        App app = App.FRAUD;
        if (!options.apps().contains(app)) {
            say("latency: skipped (it is measured on " + app.module() + "'s input and alerts)");
            return;
        }
        say("open-loop latency on " + app.input() + ": " + options.latencyDuration().toSeconds() + " s per rate, the"
                + " first " + options.latencyWarmup().toSeconds() + " s not counted");
        for (String variant : List.of("pass-through", app.module())) {
            for (String guarantee : List.of(ALOS, EOS)) {
                double max = drains.stream()
                        .filter(d -> d.variant().equals(variant) && d.guarantee().equals(guarantee)
                                && d.input().equals(app.input()))
                        .mapToDouble(DrainResult::recordsPerSecond).findFirst().orElseThrow();
                for (int percent : options.latencyPercents()) {
                    try {
                        latencies.add(latencyAt(app, variant, guarantee, percent, max * percent / 100));
                    } catch (RuntimeException e) {
                        failed("latency of " + variant + " " + guarantee + " at " + percent + " %", e);
                    }
                }
            }
        }
    }

    private LatencyResult latencyAt(App app, String variant, String guarantee, int percent, double rate)
            throws InterruptedException {
        String name = variant + "-lat" + percent;
        String group = group(name, app.input(), guarantee);
        String output = "bench-" + runId + "-lat-" + variant + "-" + shortName(guarantee) + "-" + percent;
        topics.create(output);
        JavaProcess process = variant.equals("pass-through")
                ? launcher.passThrough(group, app.input(), output, guarantee, "latest", List.of())
                : launcher.app(app, group, guarantee, Map.of("topic." + app.latencyOutput(), output,
                        "auto.offset.reset", "latest"), List.of());
        try (process) {
            topics.awaitStable(group, process, 120_000);
            long start = System.currentTimeMillis();
            LatencyProbe probe = new LatencyProbe(bootstrapServers, output, options.latencyWarmup().toMillis());
            Thread probing = new Thread(probe, "latency-probe");
            probing.start();
            long inputBefore = Topics.total(topics.endOffsets(app.input()));
            JavaProcess load = launcher.generate(name + "-load-" + shortName(guarantee), app, List.of(
                    "--rate", String.format(Locale.ROOT, "%.0f", rate),
                    "--duration", options.latencyDuration().toMillis() + "ms",
                    "--seed", Long.toString(options.seed() + percent)));
            expectSuccess(load, options.latencyDuration().plusMinutes(2));
            long sent = Topics.total(topics.endOffsets(app.input())) - inputBefore;
            double seconds = (System.currentTimeMillis() - start) / 1000.0;
            // let the last records through: until nothing has arrived for 3 s, at most 30 s
            long tailDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < tailDeadline
                    && System.nanoTime() - probe.lastRecordNanos() < Duration.ofSeconds(3).toNanos()) {
                Thread.sleep(200);
            }
            probe.stop();
            probing.join();
            Histogram histogram = probe.histogram();
            LatencyResult result = new LatencyResult(variant, guarantee, percent, rate,
                    sent / Math.min(seconds, options.latencyDuration().toMillis() / 1000.0),
                    histogram.getTotalCount(), histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
            say(String.format(Locale.ROOT, "  %-16s %-5s %3d%% of max (%,.0f/s offered, %,.0f/s sent): %,d outputs,"
                            + " p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms", variant, shortName(guarantee),
                    percent, rate, result.achievedRate(), result.samples(), result.p50Ms(), result.p99Ms(),
                    result.p999Ms(), result.maxMs()));
            return result;
        }
    }

    private void memory(App app) throws InterruptedException, IOException {
        String topic = "bench-" + runId + "-mem-" + app.generator();
        topics.create(topic);
        say("memory: " + app.module() + " with " + options.memoryKeys() + " distinct keys in " + app.largestStore()
                + ", rocksdb.memory.budget=" + options.rocksdbBudget());
        new KeySpreadLoader(bootstrapServers).load(app, topic, options.memoryKeys(),
                System.currentTimeMillis() - options.memoryKeys());
        String group = group(app.module() + "-mem", topic, EOS);
        Map<TopicPartition, Long> ends = topics.endOffsets(topic);
        try (JavaProcess process = launcher.app(app, group, EOS, Map.of(app.inputKey(), topic,
                "rocksdb.memory.budget", options.rocksdbBudget()), List.of())) {
            DrainWatch.Drain drain = watch.await(group, ends, process, options.drainTimeout().multipliedBy(3));
            // after the drain: flushed memtables and the caches as full as the keys make them
            Thread.sleep(3_000);
            ProcessSample sample = process.sample();
            long stateBytes = directorySize(options.workDir().toAbsolutePath().resolve("state").resolve(group));
            MemoryResult result = new MemoryResult(app.module(), app.largestStore(), options.memoryKeys(),
                    io.streamsuite.topologies.config.DataSizes.parse(options.rocksdbBudget()), options.heap(),
                    sample.rssBytes(), sample.peakRssBytes(), stateBytes);
            say(String.format(Locale.ROOT, "  %s: RSS %,d MB (peak %,d MB), state on disk %,d MB; drained %,.0f/s",
                    app.module(), result.rssBytes() >> 20, result.peakRssBytes() >> 20, stateBytes >> 20,
                    drain.recordsPerSecond()));
            memory.add(result);
        }
    }

    /** A later measurement does not depend on this one: note the failure and go on. */
    private void failed(String what, RuntimeException e) {
        String reason = what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
        failures.add(reason);
        say("FAILED " + reason);
    }

    private String group(String variant, String input, String guarantee) {
        return "bench-" + runId + "-" + variant + "-" + input + ("-".equals(guarantee) ? "" : "-" + shortName(guarantee));
    }

    static String shortName(String guarantee) {
        return switch (guarantee) {
            case ALOS -> "alos";
            case EOS -> "eos";
            default -> guarantee;
        };
    }

    private static void expectSuccess(JavaProcess process, Duration timeout) throws InterruptedException {
        int exit = process.await(timeout);
        if (exit != 0) {
            throw new IllegalStateException(process.name() + " failed with exit code " + exit + "; its log ends:\n"
                    + process.logTail());
        }
    }

    private static long directorySize(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private void say(String line) {
        out.println("[" + CLOCK.format(LocalTime.now()) + "] " + line);
        out.flush();
    }
}
