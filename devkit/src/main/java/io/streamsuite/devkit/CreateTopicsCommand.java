package io.streamsuite.devkit;

import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.TopicDef;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code devkit create-topics}: every topic the apps declare (inputs, outputs, compacted tables) and each app's
 * dead-letter topic {@code <app>-dlq}, by their default names; topics that exist are left alone.
 */
@Command(name = "create-topics", mixinStandardHelpOptions = true,
        description = "Creates the topics the apps read and write, by their default names, and each app's dead-letter"
                + " topic <app>-dlq. Tables get cleanup.policy=compact. Existing topics are left as they are.")
public final class CreateTopicsCommand implements Callable<Integer> {

    /** The apps by name, in the order they are listed. */
    static final Map<String, StreamsApp> APPS = apps();

    private static final long TIMEOUT_MS = 30_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka, e.g. localhost:9092")
    String bootstrapServers;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of each new topic (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "-1",
            description = "Replication factor of each new topic; -1: the broker's default.replication.factor"
                    + " (default: ${DEFAULT-VALUE})")
    short replicationFactor;

    @Option(names = "--app", defaultValue = "all", completionCandidates = AppNames.class,
            description = "Whose topics: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    String app;

    private final PrintStream out;
    private final PrintStream err;

    public CreateTopicsCommand() {
        this(System.out, System.err);
    }

    CreateTopicsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A topic to create, in the order the apps declare them. */
    record Wanted(String name, boolean compacted) {
    }

    /** The topics of the named app, or of all of them: each app's {@code topics()}, then its dead-letter topic. */
    static List<Wanted> wanted(String app) {
        Collection<StreamsApp> apps = "all".equals(app) ? APPS.values() : List.of(APPS.get(app));
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        for (StreamsApp each : apps) {
            for (TopicDef topic : each.topics()) {
                wanted.merge(topic.name(), new Wanted(topic.name(), topic.compacted()),
                        (a, b) -> new Wanted(a.name(), a.compacted() || b.compacted()));
            }
            // the default application.id is the app's name, and the dead-letter topic <application.id>-dlq
            String deadLetters = each.name() + "-dlq";
            wanted.putIfAbsent(deadLetters, new Wanted(deadLetters, false));
        }
        return List.copyOf(wanted.values());
    }

    @Override
    public Integer call() {
        if (!"all".equals(app) && !APPS.containsKey(app)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--app': '" + app
                    + "' (expected one of " + String.join(", ", new AppNames()) + ")");
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--partitions': " + partitions
                    + " (expected at least 1)");
        }
        if (replicationFactor < 1 && replicationFactor != -1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--replication-factor': "
                    + replicationFactor + " (expected at least 1, or -1 for the broker's default)");
        }
        List<Wanted> wanted = wanted(app);
        if (!reachable(bootstrapServers)) {
            // the admin client would retry for 30 s with a warning every second
            err.println("Cannot reach Kafka at " + bootstrapServers + ": is it running (devkit broker)?");
            return 1;
        }
        Map<String, Object> config = Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, "devkit-create-topics");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = await(admin.listTopics().names());
            List<Wanted> missing = wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
            Map<String, KafkaFuture<Void>> created = missing.isEmpty() ? Map.of()
                    : admin.createTopics(missing.stream().map(this::newTopic).toList()).values();
            Map<String, String> policies = cleanupPolicies(admin, wanted.stream()
                    .filter(topic -> existing.contains(topic.name())).map(Wanted::name).toList());
            int failed = 0;
            for (Wanted topic : wanted) {
                String kind = topic.compacted() ? ", compacted" : "";
                KafkaFuture<Void> creation = created.get(topic.name());
                if (creation == null) {
                    out.println("exists   " + topic.name() + mismatch(topic, policies.get(topic.name())));
                    continue;
                }
                try {
                    await(creation);
                    out.println("created  " + topic.name() + " (" + partitions + " partitions" + kind + ")");
                } catch (TopicExistsException raced) {
                    out.println("exists   " + topic.name());
                } catch (KafkaCallException e) {
                    failed++;
                    out.println("FAILED   " + topic.name() + ": " + e.getMessage());
                }
            }
            out.flush();
            return failed == 0 ? 0 : 1;
        } catch (KafkaCallException e) {
            err.println("Cannot create topics on " + bootstrapServers + ": " + e.getMessage());
            return 1;
        }
    }

    /** Whether any of the bootstrap servers accepts a connection. */
    static boolean reachable(String bootstrapServers) {
        for (String server : bootstrapServers.split(",")) {
            String host = Utils.getHost(server.trim());
            Integer port = Utils.getPort(server.trim());
            if (host == null || port == null) {
                return true; // not host:port: let the admin client say what is wrong with it
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2_000);
                return true;
            } catch (IOException e) {
                // try the next one
            }
        }
        return false;
    }

    private NewTopic newTopic(Wanted topic) {
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(partitions),
                replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor));
        if (topic.compacted()) {
            newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return newTopic;
    }

    /** Each existing topic's {@code cleanup.policy}, to point out a table topic that would lose old keys. */
    private static Map<String, String> cleanupPolicies(Admin admin, List<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        return configs.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().name(), entry -> {
            ConfigEntry policy = entry.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return policy == null || policy.value() == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
        }));
    }

    private static String mismatch(Wanted topic, String policy) {
        if (policy == null) {
            return "";
        }
        boolean compacted = List.of(policy.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        if (topic.compacted() && !compacted) {
            return " (WARNING: cleanup.policy=" + policy + ", the app reads it as a table and expects compact)";
        }
        return "";
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException exists) {
                throw exists;
            }
            throw new KafkaCallException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaCallException("no answer within " + TIMEOUT_MS / 1000 + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaCallException("interrupted", e);
        }
    }

    private static Map<String, StreamsApp> apps() {
        Map<String, StreamsApp> apps = new LinkedHashMap<>();
        for (StreamsApp app : List.<StreamsApp>of(new FraudDetectionApp(), new ClickstreamApp(), new IotMonitoringApp())) {
            apps.put(app.name(), app);
        }
        return java.util.Collections.unmodifiableMap(apps);
    }

    /** The values of {@code --app}. */
    static final class AppNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        public AppNames() {
            super(APPS.keySet());
            add("all");
        }
    }

    /** A Kafka call that failed or timed out; the message says why. */
    private static final class KafkaCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
