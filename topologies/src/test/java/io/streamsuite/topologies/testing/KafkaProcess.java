package io.streamsuite.topologies.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;

/**
 * A single-node KRaft Kafka (broker and controller in one) as a process of its own, {@code kafka.Kafka
 * server.properties} as {@code bin/kafka-server-start.sh} runs it, for tests that stop and start the broker while
 * clients keep running: a stop ends the process, a start is a new process on the same data directory and the same
 * ports, so clients find it again at the address they were given.
 *
 * <p>{@link EmbeddedKafka} cannot do this: Kafka's test kit restarts parts of a node inside its JVM at best, and a
 * new test kit takes new ports. Slower to start than {@link EmbeddedKafka} (a JVM of its own): use it only for tests
 * that need the restart.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final int NODE_ID = 1;
    /** Generous: on a machine shared by several builds the controller alone has taken over a minute to start. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path logs;
    private final Path serverProperties;
    private final int port;
    private int starts;
    private Process process;

    private KafkaProcess(Path directory, Path logs, Path serverProperties, int port) {
        this.directory = directory;
        this.logs = logs;
        this.serverProperties = serverProperties;
        this.port = port;
    }

    /**
     * Formats a new single-node cluster in a temporary directory on two free ports, and starts it.
     *
     * @param logs        where each start writes its log, {@code kafka-<n>.log}; kept after {@link #close()}
     * @param extraConfig broker settings on top of those a single node needs
     */
    public static KafkaProcess start(Path logs, Map<String, String> extraConfig) {
        try {
            Files.createDirectories(logs);
            Path directory = Files.createTempDirectory("kafka-process-");
            int port = freePort();
            int controllerPort = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", Integer.toString(NODE_ID));
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("controller.listener.names", "CONTROLLER");
            // a static quorum read from this file at every start: the node finds itself again after a restart
            props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
            props.put("log.dirs", directory.resolve("data").toString());
            props.put("auto.create.topics.enable", "false");
            props.putAll(EmbeddedKafka.singleNodeConfig());
            props.putAll(extraConfig);
            Path serverProperties = directory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(serverProperties)) {
                props.store(out, "KafkaProcess");
            }
            format(serverProperties);
            KafkaProcess kafka = new KafkaProcess(directory, logs, serverProperties, port);
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code host:port} clients connect to; the same across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** A new, mutable client configuration holding just the bootstrap servers. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** Everything committed in a topic right now, as {@link EmbeddedKafka#readAll(String, Duration)} reads it. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
        return EmbeddedKafka.readAll(clientConfig(), topic, timeout);
    }

    /** Waits until a group has processed everything, as {@link EmbeddedKafka#awaitCaughtUp(String, Duration)} does. */
    public void awaitCaughtUp(String groupId, Duration timeout) {
        try (Admin admin = Admin.create(clientConfig())) {
            EmbeddedKafka.awaitCaughtUp(admin, groupId, timeout);
        }
    }

    /** Starts the node on its data directory and returns once it answers clients. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka is already running as process " + process.pid());
        }
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "kafka.Kafka", serverProperties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve("kafka-" + starts + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitAnswer();
    }

    /**
     * Stops the node as an operator does, with SIGTERM: a controlled shutdown that closes every log cleanly. Returns
     * once the process has exited.
     */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Kafka did not stop within " + STOP_TIMEOUT + " of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Kafka stopped", e);
        }
    }

    /** The whole log of the given start (1 for the first), for a failure message. */
    public String log(int start) {
        try {
            return Files.readString(logs.resolve("kafka-" + start + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node (killing it if it does not stop) and deletes its data. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            try {
                Utils.delete(directory.toFile());
            } catch (IOException e) {
                // a temporary directory; the next test does not depend on it being gone
            }
        }
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + " while starting:\n" + log(starts));
                }
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within " + READY_TIMEOUT);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static void format(Path serverProperties) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // the static voters make this node the quorum: no --standalone
            // streams.version=1 (4.4's default, named): the streams rebalance protocol, for group.protocol=streams
            exitCode = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                "-c", serverProperties.toString(), "--feature", "streams.version=1"}, print);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Cannot format Kafka's storage: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
