package io.streamsuite.cdc;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka Connect worker in standalone mode ({@code ConnectStandalone}, the entry point of Kafka's
 * {@code connect-standalone.sh}) in a JVM of its own on this test's class path, which holds Debezium's connector:
 * started from the shipped worker and connector files with the settings a test must change on top.
 */
final class ConnectWorker implements AutoCloseable {

    static final Path DEPLOY = Path.of("..", "deploy", "cdc");

    private final Process process;
    private final Path log;

    private ConnectWorker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a worker with {@code connect-standalone.properties} and {@code reference-data-connector.properties} of
     * {@code deploy/cdc}, each with the given settings replaced.
     *
     * @param directory where the changed files and the source offsets go
     * @param log       the worker's output, replaced if it exists
     */
    static ConnectWorker start(Path directory, Map<String, String> workerOverrides,
                               Map<String, String> connectorOverrides, Path log) {
        try {
            Files.createDirectories(directory);
            Map<String, String> worker = shipped("connect-standalone.properties");
            worker.putAll(workerOverrides);
            worker.put("offset.storage.file.filename", directory.resolve("offsets").toString());
            Map<String, String> connector = shipped("reference-data-connector.properties");
            connector.putAll(connectorOverrides);
            Path workerFile = write(directory.resolve("worker.properties"), worker);
            Path connectorFile = write(directory.resolve("connector.properties"), connector);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // the worker logs as the local one does (the module's logback.xml), not as quietly as the tests
            Process process = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                    "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                    "org.apache.kafka.connect.cli.ConnectStandalone", workerFile.toString(), connectorFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ConnectWorker(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shipped file's settings, in order of their keys. */
    static Map<String, String> shipped(String fileName) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve(fileName), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static Path write(Path file, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by " + ConnectWorker.class.getSimpleName());
        }
        return file;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the worker with SIGTERM (its shutdown hook stops the connector and flushes offsets), then by force. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the worker's log, for a failure message. */
    String logTail(int lines) {
        String[] all = log().split("\n");
        return java.util.Arrays.stream(all).skip(Math.max(0, all.length - lines)).collect(Collectors.joining("\n"));
    }
}
