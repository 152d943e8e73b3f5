package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.ops.BearerAuth;
import io.streamsuite.topologies.ops.OpsServer;
import io.streamsuite.topologies.ops.RestorationTracker;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.query.StorePartitions;
import io.streamsuite.topologies.serde.TopicNames;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one app from the command line to its exit code: arguments, configuration, topics, the Streams client's
 * life and a clean shutdown. An app's {@code main} is one line: {@code StreamsRunner.main(new MyApp(), args)}.
 *
 * <p>Exit codes ({@link ExitCode}): 0 after a requested stop, 1 after a fatal error, 2 for bad arguments or
 * configuration, which is reported in one line on stderr before anything touches Kafka.
 */
public final class StreamsRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final int MAX_THREAD_REPLACEMENTS = 5;
    private static final Duration REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private final StreamsApp app;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> fatalError = new AtomicReference<>();
    private volatile KafkaStreams streams;
    private volatile Duration closeTimeout = Duration.ofSeconds(30);
    private volatile boolean stopRequested;
    private volatile OpsServer http;
    private final RestorationTracker restoration = new RestorationTracker();

    /**
     * @param env the environment to read {@code STREAMS_*} keys from (the process environment in production)
     * @param out where {@code --help} and {@code --describe} print
     * @param err where the one-line configuration error goes
     */
    public StreamsRunner(StreamsApp app, Map<String, String> env, PrintStream out, PrintStream err) {
        this.app = app;
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** Runs the app and exits the JVM with its exit code. */
    public static void main(StreamsApp app, String[] args) {
        System.exit(new StreamsRunner(app, System.getenv(), System.out, System.err).run(args));
    }

    /** Runs until the app is stopped (shutdown hook or {@link #stop()}) or fails; returns the exit code. */
    public int run(String... args) {
        CommandLine commandLine;
        ConfiguredApp configured;
        Topology topology;
        Properties props;
        try {
            commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                out.print(usage());
                return ExitCode.OK;
            }
            configured = ConfiguredApp.load(app, commandLine.configFile(), env, commandLine.sets());
            topology = configured.topology();
            props = configured.streamsProperties();
        } catch (InvalidConfigException e) {
            err.println(app.name() + ": " + e.getMessage());
            return ExitCode.CONFIG;
        }
        if (commandLine.describe()) {
            out.println(topology.describe());
            return ExitCode.OK;
        }
        if (commandLine.reset()) {
            return new AppReset(configured, topology, out, err, commandLine.resetTarget()).run(commandLine.confirmed());
        }
        closeTimeout = configured.config().get(CommonSettings.SHUTDOWN_TIMEOUT);
        logEffectiveConfig(configured);
        try {
            // before the topics: a taken port is bad configuration, reported before anything touches Kafka
            http = startHttp(configured, props);
            ensureTopics(configured);
            applyGroupConfigs(configured);
            return runStreams(topology, props);
        } catch (InvalidConfigException e) {
            err.println(app.name() + ": " + e.getMessage());
            return ExitCode.CONFIG;
        } catch (StartupException e) {
            LOG.error("{}", e.getMessage());
            err.println(app.name() + ": " + e.getMessage());
            return ExitCode.FATAL;
        } finally {
            OpsServer server = http;
            if (server != null) {
                http = null;
                server.close();
            }
        }
    }

    /** Asks a running app to stop; {@link #run} then returns 0. Safe to call at any time and more than once. */
    public void stop() {
        stopRequested = true;
        KafkaStreams current = streams;
        if (current != null) {
            close(current);
        }
        finished.countDown();
    }

    /** The Streams client's state, once it exists. */
    public Optional<KafkaStreams.State> state() {
        return Optional.ofNullable(streams).map(KafkaStreams::state);
    }

    /** The running client, for health checks and queries; empty before start. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Where the HTTP server listens (the actual port, also when {@code http.port=0}); empty when it does not run. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(OpsServer::address);
    }

    /** Where the probes' own listener listens (the actual port); empty when it does not run. */
    public Optional<InetSocketAddress> probesAddress() {
        return Optional.ofNullable(http).flatMap(OpsServer::probesAddress);
    }

    /**
     * Serves health and metrics from now until {@link #run} returns, and makes the advertised address Streams'
     * {@code application.server} unless that is configured; null when {@code http.enabled=false}.
     */
    private OpsServer startHttp(ConfiguredApp configured, Properties props) {
        AppConfig config = configured.config();
        if (!config.get(CommonSettings.HTTP_ENABLED)) {
            return null;
        }
        OpsServer.Settings settings = new OpsServer.Settings(config.get(CommonSettings.HTTP_HOST), config.get(CommonSettings.HTTP_PORT),
                config.get(CommonSettings.HTTP_ADVERTISED_HOST), config.get(CommonSettings.HTTP_ADVERTISED_PORT),
                config.get(CommonSettings.HTTP_PROBES_PORT), BearerAuth.of(config.get(CommonSettings.HTTP_AUTH_TOKEN)));
        String configuredServer = config.raw(StreamsConfig.APPLICATION_SERVER_CONFIG);
        List<StoreQuery> queries = app.queries(configured.context());
        OpsServer server = OpsServer.start(app.name(), configured.context().applicationId(), settings, configuredServer,
                () -> streams, restoration, queries, StorePartitions.fromChangelogs(configured.streamsConfig()));
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        // the configured host, not the bound address: 0.0.0.0 would read back as the IPv6 wildcard 0:0:0:0:0:0:0:0
        LOG.info("{} serves HTTP on {}:{}: http://{}/health/ready, /health/live, /metrics{}; application.server={}", app.name(),
                settings.host(), server.address().getPort(), server.applicationServer(),
                queries.stream().map(query -> ", " + query.path()).collect(Collectors.joining()),
                server.applicationServer());
        LOG.info("{} queries {}", app.name(), settings.auth().enabled()
                ? "need Authorization: Bearer <http.auth.token>; /health/* and /metrics do not" : "are open to every client (http.auth.token not set)");
        server.probesAddress().ifPresent(probes -> LOG.info("{} serves its probes also on {}:{} (http.probes.port)", app.name(),
                settings.host(), probes.getPort()));
        return server;
    }

    private int runStreams(Topology topology, Properties props) {
        KafkaStreams client = new KafkaStreams(topology, props);
        ThreadFailurePolicy policy = new ThreadFailurePolicy(MAX_THREAD_REPLACEMENTS, REPLACEMENT_WINDOW, Clock.systemUTC());
        client.setUncaughtExceptionHandler(error -> {
            StreamThreadExceptionResponse response = policy.decide(error);
            if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
                LOG.warn("Stream thread failed with a transient error; starting a new one", error);
            } else {
                LOG.error("Stream thread failed; shutting down", error);
                fatalError.compareAndSet(null, error);
            }
            return response;
        });
        client.setStateListener((newState, oldState) -> {
            LOG.info("{} state {} -> {}{}", app.name(), oldState, newState,
                    newState == KafkaStreams.State.RUNNING ? tasksOf(client) : "");
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                finished.countDown();
            }
        });
        client.setGlobalStateRestoreListener(restoration);
        if (http != null) {
            http.bind(client);
        }
        Thread hook = new Thread(() -> {
            LOG.info("Shutdown requested; closing within {}", closeTimeout);
            stop();
        }, app.name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        streams = client;
        try {
            if (!stopRequested) {
                client.start();
            }
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(client);
            removeHook(hook);
        }
        Throwable fatal = fatalError.get();
        if (fatal != null || client.state() == KafkaStreams.State.ERROR) {
            LOG.error("{} stopped after a fatal error: {}", app.name(), fatal == null ? "client in ERROR" : fatal.toString());
            return ExitCode.FATAL;
        }
        LOG.info("{} stopped", app.name());
        return ExitCode.OK;
    }

    /** After a rebalance: which tasks this instance now runs, so that the log shows how the work is shared. */
    private static String tasksOf(KafkaStreams client) {
        try {
            List<String> active = new ArrayList<>();
            List<String> standby = new ArrayList<>();
            client.metadataForLocalThreads().forEach(thread -> {
                thread.activeTasks().forEach(task -> active.add(task.taskId().toString()));
                thread.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
            });
            active.sort(null);
            standby.sort(null);
            return "; active tasks " + active + (standby.isEmpty() ? "" : ", standby tasks " + standby);
        } catch (RuntimeException stateChangedMeanwhile) {
            return "";
        }
    }

    private void close(KafkaStreams client) {
        if (!client.close(closeTimeout)) {
            LOG.warn("Streams client did not close within {}", closeTimeout);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is what stopped us; nothing to remove
        }
    }

    private void ensureTopics(ConfiguredApp configured) {
        List<TopicInitializer.Wanted> wanted = new ArrayList<>();
        List<TopicInitializer.WantedPattern> patterns = new ArrayList<>();
        for (TopicDef topic : app.topics()) {
            TopicNames names = configured.context().topicNames(topic);
            names.pattern().ifPresent(pattern -> patterns.add(new TopicInitializer.WantedPattern(topic.nameSetting().key(), pattern)));
            names.names().forEach(name -> wanted.add(new TopicInitializer.Wanted(name, topic.compacted())));
        }
        wanted.add(new TopicInitializer.Wanted(configured.deadLetterTopic(), false));
        Map<String, Object> adminConfig = configured.streamsConfig().getAdminConfigs(configured.context().applicationId() + "-setup");
        var config = configured.config();
        Admin admin = Admin.create(adminConfig);
        try {
            new TopicInitializer(admin, config.get(CommonSettings.TOPICS_TIMEOUT)).ensure(wanted, patterns,
                    config.get(CommonSettings.TOPICS_CREATE), config.get(CommonSettings.TOPICS_PARTITIONS),
                    config.get(CommonSettings.TOPICS_REPLICATION_FACTOR));
        } finally {
            // every call has been awaited by now: a call still pending for an unreachable cluster would otherwise hold
            // the exit for Kafka's API timeout (a minute) after topics.timeout has already given up
            admin.close(Duration.ZERO);
        }
    }

    /**
     * Under {@code group.protocol=streams} the broker assigns tasks: says which client settings it ignores and, with
     * {@code group.configs.apply=true}, sets their group configs from the client's values before the first member joins.
     */
    private void applyGroupConfigs(ConfiguredApp configured) {
        AppConfig config = configured.config();
        boolean applying = config.get(CommonSettings.GROUP_CONFIGS_APPLY);
        String groupId = configured.context().applicationId();
        if (!StreamsGroupSettings.streamsProtocol(configured.streamsConfig())) {
            if (applying) {
                LOG.info("group.configs.apply=true does nothing under group.protocol=classic: the clients assign the tasks");
            }
            return;
        }
        Map<String, Object> kafkaProperties = config.kafkaProperties();
        StreamsGroupSettings.notes(groupId, kafkaProperties, applying).forEach(LOG::info);
        if (!applying) {
            return;
        }
        Map<String, String> groupConfigs = StreamsGroupSettings.groupConfigs(kafkaProperties);
        Admin admin = Admin.create(configured.streamsConfig().getAdminConfigs(groupId + "-setup"));
        try {
            StreamsGroupSettings.apply(admin, groupId, groupConfigs, config.get(CommonSettings.TOPICS_TIMEOUT));
            if (!groupConfigs.isEmpty()) {
                LOG.info("Set the group configs {} of streams group {}", groupConfigs, groupId);
            }
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private void logEffectiveConfig(ConfiguredApp configured) {
        LOG.info("Starting {} with configuration:\n  {}", app.name(), String.join("\n  ", configured.config().describe()));
        configured.unrecognizedKafkaKeys().forEach(key ->
                LOG.warn("Key '{}' is neither a setting of {} nor a Kafka client or Streams config; Kafka will ignore it", key, app.name()));
    }

    /** The {@code --help} text: usage, then every key with its default and meaning. */
    String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: java -jar ").append(app.name()).append(".jar ").append(CommandLine.USAGE).append("\n\n")
                .append("Precedence, lowest first: defaults < properties file < STREAMS_* environment < --set.\n")
                .append("Kafka client and Streams keys (bootstrap.servers, state.dir, security.protocol, ...) pass through.\n\n")
                .append("Settings:\n");
        Map<String, String> appDefaults = ConfiguredApp.defaultsOf(app);
        for (Setting<?> setting : ConfiguredApp.settingsOf(app)) {
            String defaultText = appDefaults.getOrDefault(setting.key(), setting.defaultText());
            text.append(String.format("  %-36s %s%n  %-36s default: %s%n", setting.key(), setting.doc(), "",
                    defaultText.isEmpty() ? "(empty)" : defaultText));
        }
        return text.toString();
    }
}
