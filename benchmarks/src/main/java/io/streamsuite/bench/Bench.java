package io.streamsuite.bench;

import io.streamsuite.bench.report.ReportWriter;
import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.run.App;
import io.streamsuite.bench.run.BenchOptions;
import io.streamsuite.bench.run.BenchRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar benchmarks.jar run|report}: what {@code scripts/bench.sh} calls. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {Bench.Run.class, Bench.Report.class},
        description = "Benchmarks of the suite's apps against raw-client and pass-through baselines.")
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
        @Option(names = "--apps", split = ",", defaultValue = "fraud-detection,clickstream,iot-monitoring",
                description = "The apps to measure")
        List<String> apps;
        @Option(names = "--records", defaultValue = "200000",
                description = "Records per app input (default ${DEFAULT-VALUE})")
        long records;
        @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every input topic")
        int partitions;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated input")
        long seed;
        @Option(names = "--heap", defaultValue = "512m", description = "Heap of every measured JVM (-Xms and -Xmx)")
        String heap;
        @Option(names = "--alos-commit-interval-ms", defaultValue = "1000",
                description = "commit.interval.ms under at_least_once, so that a drain's progress shows")
        long alosCommitMillis;
        @Option(names = "--drain-timeout", defaultValue = "PT5M",
                description = "Longest drain (three times this for the memory test)")
        Duration drainTimeout;
        @Option(names = "--no-profile", negatable = true, defaultValue = "true", description = "Profile an app with JFR")
        boolean profile;
        @Option(names = "--profile-app", description = "The app to profile (default: the slowest)")
        String profileApp;
        @Option(names = "--latency-duration", defaultValue = "PT20S", description = "Per rate; PT0S skips latency")
        Duration latencyDuration;
        @Option(names = "--latency-warmup", defaultValue = "PT5S",
                description = "The first part of each latency run, not counted")
        Duration latencyWarmup;
        @Option(names = "--latency-percents", split = ",", defaultValue = "25,50,75",
                description = "Rates of the latency runs, in percent of the measured maximum")
        List<Integer> latencyPercents;
        @Option(names = "--memory-keys", defaultValue = "1000000", description = "0 skips the memory test")
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
            BenchOptions options = new BenchOptions(root.toAbsolutePath().normalize(), benchJar.toAbsolutePath(),
                    workDir, bootstrapServers, brokerPort, apps.stream().map(App::of).toList(), records, partitions,
                    seed, heap, alosCommitMillis, drainTimeout, profile, profileApp == null ? null : App.of(profileApp),
                    latencyDuration, latencyWarmup, latencyPercents, memoryKeys, rocksdbBudget, compared(),
                    compareLabel);
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
        @Option(names = "--compare", description = "results.json of a run with --compare-jar: its same-run comparison")
        Path compare;
        @Option(names = "--notes", description = "Markdown written by hand (reading of the figures), included as is")
        Path notes;
        @Option(names = "--out", defaultValue = "docs/benchmarks.md")
        Path out;

        @Override
        public Integer call() throws Exception {
            new ReportWriter(BenchResults.read(results), jmh, compare == null ? null : BenchResults.read(compare), notes)
                    .write(out);
            System.out.println("report: " + out.toAbsolutePath());
            return 0;
        }
    }
}
