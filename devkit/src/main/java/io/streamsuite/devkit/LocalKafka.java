package io.streamsuite.devkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka for the local demo: one KRaft process that is broker and controller at once, run in this JVM
 * from Kafka's own server classes ({@link KafkaRaftServer}, what {@code bin/kafka-server-start.sh} runs).
 *
 * <p>The data directory is formatted once, when it holds no {@code meta.properties} yet, and kept between runs: a
 * restart on the same directory has the same cluster, topics and records. Both ports are checked before anything
 * starts, so a second launcher (or any other program on the port) fails with one clear line.
 *
 * <p>Kafka calls {@code Exit.halt} on faults it cannot recover from. That ends the launcher's JVM, which is what a
 * broker process does anyway; do not run this inside a JVM that must outlive the broker (tests reroute
 * {@code Exit}'s procedures).
 *
 * <pre>{@code
 * try (LocalKafka kafka = new LocalKafka("localhost", 9092, 9093, Path.of(".local/kafka")).start()) {
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    /** The version of the Kafka jars on the classpath, e.g. {@code 4.4.0}. */
    public static final String KAFKA_VERSION = AppInfoParser.getVersion();

    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * What one node needs: the internal topics default to replication factor 3 and a min ISR of 2, which one node
     * never satisfies (a transactional producer, so every exactly_once_v2 app, would wait forever).
     */
    private static final Map<String, String> SINGLE_NODE_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            // a demo's consumer group should not sit out the 3 s production grace period
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // the same for a streams group (group.protocol=streams), and the 15 s session timeout the demo and Compose use
            // allowed for one (the broker's floor is 45 s; the default stays 45 s)
            Map.entry("group.streams.initial.rebalance.delay.ms", "0"),
            Map.entry("group.streams.min.session.timeout.ms", "6000"),
            Map.entry("group.streams.min.heartbeat.interval.ms", "1000"),
            // the default 128 MiB dedupe buffer is allocated eagerly: about 120 MB of RSS for nothing here
            Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
            Map.entry("num.partitions", "1"),
            // topics come from `devkit create-topics` or the apps; a typo should not quietly make a new one
            Map.entry("auto.create.topics.enable", "false"));

    /** The feature level the streams rebalance protocol (KIP-1071, {@code group.protocol=streams}) needs. */
    static final String STREAMS_FEATURE = "streams.version=1";

    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while starting and stopping, so the two never overlap. */
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean stopped;
    private volatile KafkaRaftServer server;
    private volatile FileChannel lockChannel;
    private volatile boolean formattedNow;

    /**
     * @param host           the address both listeners bind to and the broker advertises, e.g. {@code localhost}
     * @param port           the clients' port (listener {@code PLAINTEXT})
     * @param controllerPort the KRaft controller's port (listener {@code CONTROLLER}), never used by clients
     * @param dataDir        where the cluster keeps its data; created and formatted on the first start
     */
    public LocalKafka(String host, int port, int controllerPort, Path dataDir) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The host must not be blank");
        }
        if (List.of("0.0.0.0", "::", "[::]").contains(host.trim())) {
            // the broker tells clients to connect to this address: it has to be one they can reach
            throw new IllegalArgumentException("--host " + host.trim() + " cannot be advertised to clients:"
                    + " pass an address they can connect to, such as localhost or this machine's name");
        }
        checkPort(port, "--port");
        checkPort(controllerPort, "--controller-port");
        if (port == controllerPort) {
            throw new IllegalArgumentException("The broker and the controller need two different ports, both are " + port);
        }
        this.host = host.trim();
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * Checks the ports, formats the data directory if it is new, starts the node and returns once the broker answers
     * clients.
     *
     * @return this
     * @throws PortInUseException    if the client or controller port is taken; nothing was started
     * @throws DataDirInUseException if another local Kafka runs on the data directory; nothing was started
     * @throws IllegalStateException if Kafka fails to start or does not answer in time; nothing is left running
     */
    public LocalKafka start() {
        synchronized (lifecycle) {
            if (started || closed.get()) {
                throw new IllegalStateException("A LocalKafka starts once");
            }
            started = true;
            ensureFree(port, "--port");
            ensureFree(controllerPort, "--controller-port");
            lockDataDir();
            // all under the lock: a close() meanwhile (Ctrl-C) waits for a step to end rather than stopping a
            // half-formatted directory or a half-started node
            try {
                Properties props = serverProperties();
                formatIfNew(props);
                KafkaConfig config;
                try {
                    config = KafkaConfig.fromProps(props, false);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("Kafka rejects its settings: " + e.getMessage(), e);
                }
                if (!closed.get()) {
                    server = new KafkaRaftServer(config, Time.SYSTEM);
                }
                if (!closed.get()) {
                    server.startup();
                }
            } catch (RuntimeException | Error e) {
                try {
                    stop();
                } catch (RuntimeException second) {
                    e.addSuppressed(second);
                }
                // a JVM shutting down fails Kafka's start in odd ways (a shutdown hook it cannot add): not a failure
                if (closed.get()) {
                    throw new IllegalStateException("Kafka was stopped while starting", e);
                }
                if (e instanceof Error error) {
                    throw error;
                }
                throw failedToStart((RuntimeException) e);
            }
            if (closed.get()) {
                stop();
                throw new IllegalStateException("Kafka was stopped while starting");
            }
        }
        try {
            awaitAnswer();
        } catch (RuntimeException e) {
            close();
            throw failedToStart(e);
        }
        return this;
    }

    /** The {@code host:port} clients connect to. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** The data directory, absolute. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether this start formatted the data directory, i.e. it began with an empty cluster. */
    public boolean formattedNow() {
        return formattedNow;
    }

    /** Blocks until the node has shut down, by {@link #close()} from another thread or on its own. */
    public void awaitShutdown() {
        KafkaRaftServer running = server;
        if (running != null) {
            running.awaitShutdown();
        }
    }

    /**
     * Shuts the node down cleanly: the broker's controlled shutdown, then the controller, then waits until both have
     * stopped and released the data directory. Safe to call more than once and from a shutdown hook.
     */
    @Override
    public void close() {
        closed.set(true);
        synchronized (lifecycle) {
            stop();
        }
    }

    /** Stops what has started, once; under the lifecycle lock. */
    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        KafkaRaftServer running = server;
        try {
            if (running != null) {
                running.shutdown();
                running.awaitShutdown();
            }
        } finally {
            releaseDataDir();
        }
    }

    /** The server configuration: what {@code config/server.properties} would hold for this node. */
    Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        // a static quorum of this one node, read from the config at every start, so a restart with another
        // --controller-port finds itself (a dynamic quorum, formatted with --standalone, writes the controller's
        // endpoint into the metadata log instead)
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.putAll(SINGLE_NODE_CONFIG);
        return props;
    }

    /**
     * Kafka locks its log directory only once the broker starts, after the controller has begun to read the metadata
     * log: a second node on the same directory would read a log being written and halt on a "corrupt" record, or
     * worse. One lock of ours, taken before anything reads the directory, keeps a second launcher out.
     */
    private void lockDataDir() {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("local-kafka.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DataDirInUseException(dataDir);
            }
            lockChannel = channel;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot use the data directory " + dataDir + ": " + e, e);
        }
    }

    private void releaseDataDir() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // closing the channel releases the lock; the process ending would too
            }
            lockChannel = null;
        }
    }

    private void formatIfNew(Properties props) {
        Path logs = dataDir.resolve("logs");
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        Path config = null;
        try {
            Files.createDirectories(logs);
            config = Files.createTempFile("local-kafka-", ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "local Kafka: for formatting " + dataDir);
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                // the static voters in the config make this node the quorum; no --standalone needed or allowed
                // streams.version=1 is 4.4's default, named so that the apps' group.protocol=streams never depends on it
                exitCode = StorageTool.execute(new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                    "--feature", STREAMS_FEATURE}, print);
            }
            if (exitCode != 0) {
                throw new IllegalStateException("Cannot format " + logs + ": " + output.toString(StandardCharsets.UTF_8).trim());
            }
            formattedNow = true;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            // StorageTool's TerseFailure and FormatterException: their message is the whole story
            throw new IllegalStateException("Cannot format " + logs + ": " + e.getMessage(), e);
        } finally {
            if (config != null) {
                try {
                    Files.deleteIfExists(config);
                } catch (IOException ignored) {
                    // a temp file of a few hundred bytes
                }
            }
        }
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-ready-check");
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline && !closed.get()) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
            if (closed.get()) {
                throw new IllegalStateException("Kafka was stopped while starting");
            }
            throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within " + READY_TIMEOUT
                    + (last == null ? "" : ": " + last.getMessage()), last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka to answer", e);
        }
    }

    /** A start that failed, with the cause that says what to do on top (a port taken meanwhile, a locked directory). */
    private RuntimeException failedToStart(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("failed to bind")) {
                int taken = String.valueOf(cause.getMessage()).contains(":" + controllerPort) ? controllerPort : port;
                return new PortInUseException(host, taken, taken == port ? "--port" : "--controller-port");
            }
            if (String.valueOf(cause.getMessage()).contains("Failed to acquire lock")) {
                return new IllegalStateException("The data directory " + dataDir
                        + " is in use by another Kafka: stop it or pass --data-dir", e);
            }
        }
        return e instanceof IllegalStateException ? e : new IllegalStateException("Kafka failed to start: " + e, e);
    }

    /** Fails if something listens on the port or it cannot be bound where Kafka will bind it. */
    private void ensureFree(int candidate, String option) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host " + host + ": pass --host", e);
        }
        // something listening on any address the name stands for would take the clients' connections
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, candidate), 500);
                throw new PortInUseException(host, candidate, option);
            } catch (IOException free) {
                // refused or unreachable: nobody listens there
            }
        }
        // and Kafka binds the first address, as a new InetSocketAddress(host, port) does
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(addresses[0], candidate));
        } catch (IOException e) {
            throw new PortInUseException(host, candidate, option);
        }
    }

    private static void checkPort(int port, String option) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid " + option + " " + port + ": a port is 1 to 65535");
        }
    }

    /** Another local Kafka runs on the data directory: the message is the one line to show. */
    public static final class DataDirInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataDirInUseException(Path dataDir) {
            super("The data directory " + dataDir + " is in use by another local Kafka: stop it or pass --data-dir");
        }
    }

    /** A port the node needs is taken: the message is the one line to show. */
    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int port;

        PortInUseException(String host, int port, String option) {
            super("Port " + port + " on " + host + " is already in use: stop what uses it or pass " + option);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
