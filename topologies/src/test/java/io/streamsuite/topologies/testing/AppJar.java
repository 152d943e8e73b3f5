package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An app's shipped jar running as a user runs it, {@code java -jar <jar> <file.properties>}, in a process of its own,
 * with its output in a log file. For integration tests that must prove the jar itself works: its manifest, its
 * shaded dependencies, its signal handling.
 */
public final class AppJar {

    /** The JVM's exit status after a SIGTERM it handled with its shutdown hooks: 128 + 15. */
    public static final int SIGTERM_EXIT = 143;

    private final Process process;
    private final Path log;

    private AppJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar with the given properties, written to a file in a new temporary directory whose {@code state}
     * subdirectory becomes the {@code state.dir} unless the properties set one.
     *
     * @param log where the process's stdout and stderr go, replaced if it exists
     */
    public static AppJar start(Path jar, Map<String, String> properties, Path log) {
        return start(jar, properties, log, Map.of());
    }

    /** Like {@link #start(Path, Map, Path)}, with these variables added to the environment the process inherits. */
    public static AppJar start(Path jar, Map<String, String> properties, Path log, Map<String, String> environment) {
        try {
            Path dir = Files.createTempDirectory("app-jar");
            Map<String, String> all = new TreeMap<>(properties);
            all.putIfAbsent("state.dir", dir.resolve("state").toString());
            Path file = dir.resolve("app.properties");
            Files.writeString(file, all.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new AppJar(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends SIGTERM, as Kubernetes or Ctrl-C does, and asserts that the app closed cleanly and soon: it exits
     * within the timeout with {@link #SIGTERM_EXIT}, having logged its shutdown and no error.
     */
    public void stopCleanly(Duration timeout) {
        stop(timeout);
        assertThat(log()).doesNotContain(" ERROR ");
    }

    /**
     * Sends SIGTERM and asserts that the app exits within the timeout with {@link #SIGTERM_EXIT}, having logged its
     * shutdown; what it logged before is the caller's to judge.
     */
    public void stop(Duration timeout) {
        process.destroy();
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("exited within %s of SIGTERM", timeout).isTrue();
        assertThat(process.exitValue()).isEqualTo(SIGTERM_EXIT);
        assertThat(log()).contains("Shutdown requested");
    }

    /**
     * Sends SIGKILL, as {@code kill -9} or the kernel's OOM killer does: no shutdown hook runs, nothing is committed or
     * flushed. Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Process " + process.pid() + " still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for process " + process.pid() + " to die", e);
        }
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the process to end by itself and returns its exit code.
     *
     * @throws AssertionError if it is still running after the timeout (it is then killed)
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** Everything the process has written so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
