package io.streamsuite.topologies.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;

/**
 * Several instances of an app's shipped jar, each a {@code java -jar} process with its own state directory, HTTP port
 * and {@code group.instance.id} (static membership, as the Kubernetes StatefulSet runs them, unless turned off), which keep all three
 * across restarts: a restarted instance is the same member, with the same local state and the same Streams process
 * id (kept in its state directory), hence the same transactional ids, which fence whatever its killed self left open.
 */
public final class AppFleet implements AutoCloseable {

    /**
     * Kafka 4.4.0's group coordinator fails the heartbeat of a streams group member with an {@code application.server}
     * while the new group's internal topics are missing (README, "Kafka 4.4 and the streams rebalance protocol"): the
     * consumer logs it and its fatal state at ERROR, and Kafka Streams the thread it then replaces (the runner's
     * policy for a broker's {@code UnknownServerException}). Those lines, in a log that has the broker's error, are
     * the recovery, not a failure.
     */
    private static final String STREAMS_HEARTBEAT_SERVER_ERROR =
            "StreamsGroupHeartbeatRequest failed due to unexpected error UNKNOWN_SERVER_ERROR";

    private final Path jar;
    private final Map<String, String> properties;
    private final boolean staticMembership;
    private final Path logs;
    private final List<Instance> instances = new ArrayList<>();
    private final List<Path> runLogs = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int kills;
    private int restarts;

    /**
     * @param jar        the shipped jar, {@code java -jar}
     * @param properties what every instance is configured with; the fleet adds the state directory, port and member id
     * @param logs       where each run of each instance writes its log, {@code instance-<i>-run-<n>.log}
     */
    public AppFleet(Path jar, Map<String, String> properties, int size, Path logs) {
        this(jar, properties, size, logs, true);
    }

    /** @param staticMembership whether each instance has a {@code group.instance.id}; without, each start is a new member */
    public AppFleet(Path jar, Map<String, String> properties, int size, Path logs, boolean staticMembership) {
        this.jar = jar;
        this.staticMembership = staticMembership;
        this.properties = Map.copyOf(properties);
        this.logs = logs;
        try {
            Files.createDirectories(logs);
            for (int i = 0; i < size; i++) {
                instances.add(new Instance(i, Files.createTempDirectory("app-fleet-state-"), freePort()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void startAll() {
        instances.forEach(Instance::start);
    }

    /** Starts instance {@code i} for the first time (a fleet may hold instances that join later). */
    public void start(int i) {
        instances.get(i).start();
    }

    /**
     * How many records instance {@code i} has processed, from its {@code /metrics} (the stream threads'
     * {@code process-total}); -1 while it does not answer.
     */
    public long processedRecords(int i) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(instances.get(i).uri("/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return -1;
            }
            return (long) answer.body().lines().filter(line -> line.startsWith("kafka_stream_thread_process_total{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code kill -9} of instance {@code i}; returns its pid. */
    public long kill(int i) {
        AppJar running = instances.get(i).running;
        long pid = running.pid();
        running.kill();
        kills++;
        return pid;
    }

    /** Starts instance {@code i} again on its state directory and port. */
    public void restart(int i) {
        instances.get(i).start();
        restarts++;
    }

    public int size() {
        return instances.size();
    }

    /** The address of {@code path} on instance {@code i}'s HTTP port. */
    public URI uri(int i, String path) {
        return instances.get(i).uri(path);
    }

    public int kills() {
        return kills;
    }

    public int restarts() {
        return restarts;
    }

    /** The instances whose process has exited, though nobody stopped them. */
    public List<Integer> exited() {
        return instances.stream().filter(instance -> instance.running != null && !instance.running.isAlive())
                .map(instance -> instance.index).toList();
    }

    /** Whether every started instance answers {@code /health/ready} with 200: RUNNING, every store restored. */
    public boolean allReady() {
        return ready().size() == instances.stream().filter(instance -> instance.running != null).count();
    }

    /** The instances that answer {@code /health/ready} with 200. */
    public List<Integer> ready() {
        List<Integer> ready = new ArrayList<>();
        for (Instance instance : instances) {
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(instance.uri("/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    ready.add(instance.index);
                }
            } catch (IOException e) {
                // not listening: not ready
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ready;
            }
        }
        return ready;
    }

    /** SIGTERM to every instance: each must exit with 143 within a minute, having logged its shutdown. */
    public void stopAll() {
        instances.stream().filter(instance -> instance.running != null)
                .forEach(instance -> instance.running.stop(Duration.ofSeconds(60)));
    }

    /**
     * Every ERROR line of every run of every instance, except the one Kafka Streams logs on its way to recover from an
     * unclean exactly-once shutdown: a task whose store has no checkpoint is reported as a {@code
     * TaskCorruptedException} (at ERROR, by its {@code TaskManager}), then wiped and restored from its changelog, as it
     * must be, since the store may hold writes of an aborted transaction.
     */
    public List<String> unexpectedErrors() {
        List<String> errors = new ArrayList<>();
        for (Path log : runLogs) {
            try {
                List<String> lines = Files.readAllLines(log);
                boolean brokerFailedHeartbeat = lines.stream().anyMatch(line -> line.contains(STREAMS_HEARTBEAT_SERVER_ERROR));
                lines.stream().filter(line -> line.contains(" ERROR ") && !isRecoveryFromCorruption(line)
                        && !(brokerFailedHeartbeat && isReplacedAfterTheBrokersError(line))).forEach(errors::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return errors;
    }

    private static boolean isReplacedAfterTheBrokersError(String line) {
        return line.contains(STREAMS_HEARTBEAT_SERVER_ERROR) || line.contains("transitioned to fatal state")
                || line.contains("after member failed with fatal error") || line.contains("opted to REPLACE_THREAD");
    }

    private static boolean isRecoveryFromCorruption(String line) {
        return line.contains("Get exceptions for the following tasks")
                && !line.replace("TaskCorruptedException", "").contains("Exception");
    }

    /** Kills whatever still runs (a test that failed before stopping the fleet) and deletes the state directories. */
    @Override
    public void close() {
        instances.stream().filter(instance -> instance.running != null && instance.running.isAlive())
                .forEach(instance -> instance.running.kill());
        for (Instance instance : instances) {
            try {
                Utils.delete(instance.stateDir.toFile());
            } catch (IOException e) {
                // a temporary directory: nothing depends on it being gone
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private final class Instance {
        final int index;
        final Path stateDir;
        final int port;
        int runs;
        AppJar running;

        Instance(int index, Path stateDir, int port) {
            this.index = index;
            this.stateDir = stateDir;
            this.port = port;
        }

        void start() {
            Map<String, String> own = new TreeMap<>(properties);
            own.put("state.dir", stateDir.toString());
            own.put("http.port", Integer.toString(port));
            own.put("http.advertised.host", "127.0.0.1");
            if (staticMembership) {
                own.put("group.instance.id", properties.get("application.id") + "-" + index);
            }
            runs++;
            Path log = logs.resolve("instance-" + index + "-run-" + runs + ".log");
            runLogs.add(log);
            running = AppJar.start(jar, own, log);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
