package io.streamsuite.bench;

import io.streamsuite.bench.report.ReportWriter;
import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.run.App;
import io.streamsuite.bench.run.BenchOptions;
import io.streamsuite.bench.run.BenchRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar benchmarks.jar run|report}: what {@code scripts/bench.sh} calls. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Bench.Run.class, Bench.Report.class},
        description = "Benchmarks of the suite's apps against raw-client and Kafka Streams baselines, in steady state.")
public final class Bench implements Runnable {

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new Bench());
        // a run that cannot go on (too few records, a jar missing, a variant failing to start) says why in one line
        command.setExecutionExceptionHandler((error, failed, parsed) -> {
            if (!(error instanceof IllegalStateException || error instanceof IllegalArgumentException)) {
                throw error;
            }
            System.err.println("bench: " + error.getMessage());
            return 1;
        });
        System.exit(command.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Measures every variant against one broker and writes results.json.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--root", defaultValue = ".", description = "The repository, with the built jars")
        Path root;
        @Option(names = "--bench-jar", defaultValue = "benchmarks/target/benchmarks.jar",
                description = "This jar, whose baselines run as processes of their own")
        Path benchJar;
        @Option(names = "--work-dir", defaultValue = ".bench", description = "Broker data, state, logs, recordings")
        Path workDir;
        @Option(names = "--results", defaultValue = ".bench/results.json", description = "Where the figures go")
        Path results;
        @Option(names = "--bootstrap-servers", description = "Use this cluster instead of a local broker")
        String bootstrapServers;
        @Option(names = "--broker-port", defaultValue = "19092", description = "Port of the local broker")
        int brokerPort;
        @Option(names = "--modes", split = ",", defaultValue = "throughput,profile,latency,replay,memory",
                description = "What to measure, any of ${DEFAULT-VALUE}")
        Set<String> modes;
        @Option(names = "--apps", split = ",", defaultValue = "fraud-detection,clickstream,iot-monitoring",
                description = "The apps to measure")
        List<String> apps;
        @Option(names = "--records", defaultValue = "1000000",
                description = "Records per app input (default ${DEFAULT-VALUE})")
        long records;
        @Option(names = "--cards", defaultValue = "0",
                description = "Cards of the fraud preload; 0 (default): as many as have a steady history before the"
                        + " steady window (records x start share / 25)")
        int cards;
        @Option(names = "--devices", defaultValue = "0",
                description = "Devices of the IoT preload; 0 (default): as many as are warmed up before the steady"
                        + " window (records x start share / 70)")
        int devices;
        @Option(names = "--repeats", defaultValue = "3", description = "Drains of each variant, interleaved (default 3)")
        int repeats;
        @Option(names = "--start-share", defaultValue = "0.2",
                description = "Share of the input committed when the steady window starts (default ${DEFAULT-VALUE})")
        double startShare;
        @Option(names = "--variants", split = ",", description = "Only these variants (raw-consume, raw-pipe,"
                + " pass-through, decode-validate-encode, kv-get-put, or an app's name); default all")
        Set<String> variants = new LinkedHashSet<>();
        @Option(names = "--guarantees", split = ",", defaultValue = "at_least_once,exactly_once_v2",
                description = "The processing guarantees to measure under (default ${DEFAULT-VALUE})")
        List<String> guarantees;
        @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every input topic")
        int partitions;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated input")
        long seed;
        @Option(names = "--heap", defaultValue = "512m", description = "Heap of every measured JVM (-Xms and -Xmx)")
        String heap;
        @Option(names = "--alos-commit-interval-ms", defaultValue = "1000",
                description = "commit.interval.ms under at_least_once, for every variant (default ${DEFAULT-VALUE})")
        long alosCommitMillis;
        @Option(names = "--linger-ms", defaultValue = "100",
                description = "Producer linger.ms of every variant (default ${DEFAULT-VALUE}, Streams' own default)")
        long lingerMillis;
        @Option(names = "--drain-timeout", defaultValue = "PT15M",
                description = "Longest drain (three times this for the memory test and replays)")
        Duration drainTimeout;
        @Option(names = "--profile-app", defaultValue = "fraud-detection", description = "The app to profile")
        String profileApp;
        @Option(names = "--latency-prewarm", defaultValue = "PT30S",
                description = "Load at the run's rate before a latency run (or the search) counts (default 30 s)")
        Duration latencyPrewarm;
        @Option(names = "--latency-duration", defaultValue = "PT60S", description = "How long each latency run counts")
        Duration latencyDuration;
        @Option(names = "--latency-percents", split = ",", defaultValue = "25,50,75",
                description = "Rates of the latency runs, in percent of the sustainable maximum")
        List<Integer> latencyPercents;
        @Option(names = "--step-duration", defaultValue = "PT20S",
                description = "Each step of the search for the sustainable maximum (default 20 s)")
        Duration stepDuration;
        @Option(names = "--step-factor", defaultValue = "1.25", description = "Rate increase per step")
        double stepFactor;
        @Option(names = "--start-rate", defaultValue = "0",
                description = "First rate of the search; 0 (default): 30 %% of the variant's drain median, or 500/s")
        double startRate;
        @Option(names = "--marker-rate", defaultValue = "20",
                description = "Marker transactions per second in every latency run (default ${DEFAULT-VALUE})")
        double markerRate;
        @Option(names = "--latency-cards", defaultValue = "20000", description = "Cards of the latency load")
        int latencyCards;
        @Option(names = "--replay-days", defaultValue = "30", description = "Days of 5-minute readings replayed")
        int replayDays;
        @Option(names = "--replay-devices", defaultValue = "20", description = "Devices of the IoT replay")
        int replayDevices;
        @Option(names = "--replay-cards", defaultValue = "2000", description = "Cards of the day of transactions")
        int replayCards;
        @Option(names = "--memory-keys", defaultValue = "1000000", description = "Distinct keys of the memory test")
        long memoryKeys;
        @Option(names = "--rocksdb-budget", defaultValue = "256MB", description = "rocksdb.memory.budget of the apps")
        String rocksdbBudget;
        @Option(names = "--compare-jar", paramLabel = "APP=JAR",
                description = "Also drain this jar of the app (an older build, say) in the same run, right before the"
                        + " current one; repeatable")
        Map<String, Path> compareJars = new LinkedHashMap<>();
        @Option(names = "--compare-label", defaultValue = "before the fix",
                description = "What the compared jars are called in the report (default: ${DEFAULT-VALUE})")
        String compareLabel;

        @Override
        public Integer call() throws Exception {
            for (String mode : modes) {
                if (!BenchOptions.ALL_MODES.contains(mode)) {
                    throw new IllegalArgumentException("Unknown mode '" + mode + "': expected some of "
                            + BenchOptions.ALL_MODES);
                }
            }
            for (String guarantee : guarantees) {
                if (!List.of("at_least_once", "exactly_once_v2").contains(guarantee)) {
                    throw new IllegalArgumentException("Unknown guarantee '" + guarantee
                            + "': expected at_least_once or exactly_once_v2");
                }
            }
            if (repeats < 1 || !(startShare >= 0 && startShare < 1)) {
                throw new IllegalArgumentException("--repeats must be at least 1 and --start-share in [0, 1)");
            }
            BenchOptions options = new BenchOptions(root.toAbsolutePath().normalize(), benchJar.toAbsolutePath(),
                    workDir, bootstrapServers, brokerPort, modes, apps.stream().map(App::of).toList(), records, cards,
                    devices, repeats, startShare, variants, guarantees, partitions, seed, heap, alosCommitMillis, lingerMillis,
                    drainTimeout, App.of(profileApp), latencyPrewarm, latencyDuration, latencyPercents, stepDuration,
                    stepFactor, startRate, markerRate, latencyCards, replayDays, replayDevices, replayCards,
                    memoryKeys, rocksdbBudget, compared(), compareLabel);
            String command = System.getProperty("bench.command", "bench run");
            BenchResults result = new BenchRun(options, System.out).run(command);
            result.write(results);
            System.out.println("results: " + results.toAbsolutePath());
            return 0;
        }

        private Map<App, Path> compared() {
            Map<App, Path> jars = new LinkedHashMap<>();
            compareJars.forEach((app, jar) -> jars.put(App.of(app), jar.toAbsolutePath()));
            return jars;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes the Markdown report and its PNG charts from results.json (and JMH's JSON).")
    static final class Report implements Callable<Integer> {
        @Option(names = "--results", defaultValue = ".bench/results.json", description = "Where the figures go")
        Path results;
        @Option(names = "--jmh", description = "JMH's JSON results (-rf json)")
        Path jmh;
        @Option(names = "--method", description = "Markdown written by hand (the method), included after the header")
        Path method;
        @Option(names = "--notes", description = "Markdown written by hand (reading of the figures, other measurements),"
                + " included as is at the end; repeatable, in order")
        List<Path> notes = new ArrayList<>();
        @Option(names = "--out", defaultValue = "docs/benchmarks.md")
        Path out;

        @Override
        public Integer call() throws Exception {
            new ReportWriter(BenchResults.read(results), jmh, method, notes)
                    .write(out);
            System.out.println("report: " + out.toAbsolutePath());
            return 0;
        }
    }
}
