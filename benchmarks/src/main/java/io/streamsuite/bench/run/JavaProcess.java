package io.streamsuite.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A measured JVM of its own: an app jar, a baseline or a load generator, with its output in a log file. Each variant
 * runs in its own process so that its CPU time and peak RSS are its own.
 */
public final class JavaProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    /** Every process started and not yet closed, so that an interrupted run (Ctrl-C) leaves none behind. */
    private static final Set<JavaProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.stream()
                // the broker last: the apps' clean shutdown needs it
                .sorted(java.util.Comparator.comparing(process -> process.name.equals("broker")))
                .forEach(JavaProcess::close), "bench-stop-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private volatile ProcessSample last;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmOptions> <arguments>}.
     *
     * @param log where stdout and stderr go, replaced if it exists
     */
    public static JavaProcess start(String name, List<String> jvmOptions, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // as the container image runs the apps: otherwise glibc's many arenas keep RocksDB's freed native memory
            // and the RSS measured is the allocator's, not the app's
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            JavaProcess started = new JavaProcess(name, process, log);
            RUNNING.add(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's figures now, or the last ones read while it was alive. */
    public ProcessSample sample() {
        ProcessSample now = ProcessSample.of(process.pid());
        if (now != null) {
            last = now;
        }
        return last;
    }

    /** Waits for the process to end by itself; its exit code. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            RUNNING.remove(this);
            throw new IllegalStateException(name + " did not end within " + timeout + "; see " + log);
        }
        RUNNING.remove(this);
        return process.exitValue();
    }

    /** The end of the log, for an error message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as an operator stops it; SIGKILL if it has not ended within 40 s. */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (!process.isAlive()) {
            return;
        }
        sample();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
