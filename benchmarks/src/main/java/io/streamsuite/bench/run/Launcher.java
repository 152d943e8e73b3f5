package io.streamsuite.bench.run;

import io.streamsuite.bench.baseline.DecodeValidateEncode;
import io.streamsuite.bench.baseline.KeyValueGetPut;
import io.streamsuite.bench.baseline.PassThrough;
import io.streamsuite.bench.baseline.RawConsume;
import io.streamsuite.bench.baseline.RawPipe;
import io.streamsuite.bench.load.LoadGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the measured processes: the baselines from this module's jar, the apps from their shipped jars exactly as
 * users run them ({@code java -jar <app>.jar <file> --set ...}), each with the same heap, one stream thread, the same
 * guarantee, commit interval and producer linger as the variants it is compared with, and its own group, state
 * directory and log.
 */
public final class Launcher {

    private final Path root;
    private final Path benchJar;
    private final Path workDir;
    private final String bootstrapServers;
    private final List<String> jvmOptions;
    private final long alosCommitMs;
    private final long lingerMs;

    /**
     * @param root         the repository, where the app jars are
     * @param alosCommitMs the commit interval of at_least_once variants (exactly_once_v2 keeps Streams' 100 ms)
     * @param lingerMs     the producer's linger.ms in every variant that produces
     */
    public Launcher(Path root, Path benchJar, Path workDir, String bootstrapServers, List<String> jvmOptions,
                    long alosCommitMs, long lingerMs) {
        this.root = root;
        this.benchJar = benchJar;
        this.workDir = workDir;
        this.bootstrapServers = bootstrapServers;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.alosCommitMs = alosCommitMs;
        this.lingerMs = lingerMs;
    }

    public Path appJar(App app) {
        return root.resolve(app.module()).resolve("target").resolve(app.module() + ".jar");
    }

    public Path devkitJar() {
        return root.resolve("devkit/target/devkit.jar");
    }

    public JavaProcess rawConsume(String group, String input, String guarantee) {
        return baseline(RawConsume.class, group, Map.of("input", input,
                "commit.interval.ms", Long.toString(commitInterval(guarantee))));
    }

    public JavaProcess rawPipe(String group, String input, String output, String guarantee) {
        return baseline(RawPipe.class, group, streamsArgs(group, input, output, guarantee, "earliest"));
    }

    public JavaProcess passThrough(String group, String input, String output, String guarantee, String offsetReset,
                                   List<String> extraJvmOptions) {
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.addAll(extraJvmOptions);
        return java(group, jvm, command(PassThrough.class, group,
                streamsArgs(group, input, output, guarantee, offsetReset)));
    }

    /** The app's input decoded, validated and encoded again: nothing more. */
    public JavaProcess decodeValidateEncode(App app, String group, String input, String output, String guarantee) {
        Map<String, String> args = streamsArgs(group, input, output, guarantee, "earliest");
        args.put("event", app.generator());
        return baseline(DecodeValidateEncode.class, group, args);
    }

    /** The pass-through plus one JSON get and put per record in a persistent store. */
    public JavaProcess keyValueGetPut(String group, String input, String output, String guarantee) {
        return baseline(KeyValueGetPut.class, group, streamsArgs(group, input, output, guarantee, "earliest"));
    }

    /** The open-loop load of the latency runs, whose rate the orchestrator writes into {@code rateFile}. */
    public JavaProcess load(String name, String topic, Path rateFile, int cards, long seed, double markerRate) {
        return java(name, jvmOptions, command(LoadGenerator.class, name, Map.of("topic", topic,
                "rate.file", rateFile.toString(), "cards", Integer.toString(cards), "seed", Long.toString(seed),
                "marker.rate", Double.toString(markerRate))));
    }

    /** The settings every Streams-like variant shares: the guarantee, commit interval and linger of the run. */
    private Map<String, String> streamsArgs(String group, String input, String output, String guarantee,
                                            String offsetReset) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("input", input);
        args.put("output", output);
        args.put("guarantee", guarantee);
        args.put("commit.interval.ms", Long.toString(commitInterval(guarantee)));
        args.put("linger.ms", Long.toString(lingerMs));
        args.put("offset.reset", offsetReset);
        args.put("state.dir", workDir.resolve("state").resolve(group).toString());
        return args;
    }

    /**
     * Starts an app's jar with the contract's defaults except: the broker, {@code application.id = group}, the
     * guarantee, one stream thread, no HTTP server, topics created, and {@code settings} on top.
     */
    public JavaProcess app(App app, String group, String guarantee, Map<String, String> settings,
                           List<String> extraJvmOptions) {
        return app(app, appJar(app), group, guarantee, settings, extraJvmOptions);
    }

    /** As {@link #app(App, String, String, Map, List)}, from another jar of the app (an older build, say). */
    public JavaProcess app(App app, Path jar, String group, String guarantee, Map<String, String> settings,
                           List<String> extraJvmOptions) {
        Path properties = workDir.resolve("config").resolve(group + ".properties");
        try {
            Files.createDirectories(properties.getParent());
            // only the broker: everything else at the app's built-in defaults, as in production
            Files.writeString(properties, "bootstrap.servers=" + bootstrapServers + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + properties + ": " + e.getMessage(), e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("application.id", group);
        all.put("processing.guarantee", guarantee);
        all.put("commit.interval.ms", Long.toString(commitInterval(guarantee)));
        all.put("producer.linger.ms", Long.toString(lingerMs));
        all.put("num.stream.threads", "1");
        all.put("state.dir", workDir.resolve("state").resolve(group).toString());
        all.put("http.enabled", "false");
        all.put("topics.create", "true");
        all.putAll(settings);
        List<String> arguments = new ArrayList<>(List.of("-jar", jar.toString(), properties.toString()));
        all.forEach((key, value) -> {
            arguments.add("--set");
            arguments.add(key + "=" + value);
        });
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.addAll(extraJvmOptions);
        return java(group, jvm, arguments);
    }

    /** {@code devkit generate <domain>} with the given options, e.g. a preload or a paced load. */
    public JavaProcess generate(String name, App app, List<String> options) {
        List<String> arguments = new ArrayList<>(List.of("-jar", devkitJar().toString(), "generate", app.generator(),
                "--bootstrap-servers", bootstrapServers, "--quiet"));
        arguments.addAll(options);
        return java(name, jvmOptions, arguments);
    }

    public long commitInterval(String guarantee) {
        return "at_least_once".equals(guarantee) ? alosCommitMs : 100;
    }

    private JavaProcess baseline(Class<?> main, String group, Map<String, String> args) {
        return java(group, jvmOptions, command(main, group, args));
    }

    private List<String> command(Class<?> main, String group, Map<String, String> args) {
        List<String> command = new ArrayList<>(List.of("-cp", benchJar.toString(), main.getName(),
                "bootstrap.servers=" + bootstrapServers, "group=" + group));
        args.forEach((key, value) -> command.add(key + "=" + value));
        return command;
    }

    private JavaProcess java(String name, List<String> jvm, List<String> arguments) {
        return JavaProcess.start(name, jvm, arguments, workDir.resolve("logs").resolve(name + ".log"));
    }
}
