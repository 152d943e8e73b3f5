package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.DataSizes;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.DeadLetterProcessingHandler;
import io.streamsuite.topologies.serde.SerdeFormat;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;

/** The settings every app has, whatever its domain. */
public final class CommonSettings {

    /** Namespaces owned by the runner, beside each app's own prefix. */
    public static final List<String> OWNED_PREFIXES = List.of("topic.", "topics.", "serde.", "event.time.", "rocksdb.",
            "shutdown.", "http.", "group.configs.", "processing.failures.",
            // the schema registry keys, named as Confluent's serializers name them, so users' files carry over
            "schema.registry.", "basic.auth.", "auto.register.schemas", "use.latest.version");

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.string(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, null,
            "Kafka brokers to connect to, host:port[,host:port...].");

    public static final Setting<String> PROCESSING_GUARANTEE = Setting.oneOf(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.EXACTLY_ONCE_V2, "Delivery guarantee of the app's outputs.",
            StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

    public static final Setting<Boolean> TOPICS_CREATE = Setting.bool("topics.create", false,
            "Create missing input, output and dead-letter topics at start instead of refusing to start.");

    public static final Setting<Integer> TOPICS_PARTITIONS = Setting.integer("topics.partitions", 6, 1, 10_000,
            "Partitions of topics created at start; the most instances that can share the work.");

    public static final Setting<Integer> TOPICS_REPLICATION_FACTOR = Setting.integer("topics.replication.factor", -1, -1, 32,
            "Replication factor of topics created at start; -1 takes the broker's default.replication.factor.");

    public static final Setting<Duration> TOPICS_TIMEOUT = Setting.duration("topics.timeout", Duration.ofSeconds(30),
            "How long start-up waits for Kafka to list and create topics before giving up with exit code 1.");

    public static final Setting<String> SERDE_FORMAT = Setting.oneOf("serde.format", SerdeFormat.JSON.configValue(),
            "Encoding of input and output events: json; avro (Confluent wire format, needs schema.registry.url);"
                    + " avro-single-object (Avro's single-object encoding, no registry).",
            SerdeFormat.configValues().toArray(String[]::new));

    public static final Setting<Duration> EVENT_TIME_MAX_FUTURE = Setting.duration("event.time.max-future",
            Duration.ofMinutes(1), "How far ahead of this instance's clock an input event may be stamped; an event"
                    + " further ahead goes to the dead-letter topic instead of advancing stream time and closing windows"
                    + " early. An accepted event shortens its partition's grace periods by at most this much.");

    public static final Setting<Double> PROCESSING_FAILURES_MAX_SHARE = Setting.decimal(
            DeadLetterProcessingHandler.MAX_SHARE_CONFIG, 0.5, 0, 1, "The share of the last processing.failures.window"
                    + " records of an input partition that may make a processor throw (each goes to the dead-letter topic);"
                    + " above it the app stops with exit code 1, since that many failures are a bug, not bad input.");

    public static final Setting<Integer> PROCESSING_FAILURES_WINDOW = Setting.integer(DeadLetterProcessingHandler.WINDOW_CONFIG,
            1000, 1, 100_000_000, "How many of an input partition's most recent records (offsets)"
                    + " processing.failures.max-share is taken over.");

    public static final Setting<Optional<List<URI>>> SCHEMA_REGISTRY_URL = Setting.optional(new Setting<>("schema.registry.url",
            null, "Base URL(s) of a Confluent-compatible schema registry, tried in order; required with serde.format=avro.",
            "one or more http(s) URLs separated by commas", CommonSettings::urls));

    public static final Setting<String> BASIC_AUTH_CREDENTIALS_SOURCE = Setting.oneOf("basic.auth.credentials.source", "URL",
            "Where the registry credentials come from: URL (user info of schema.registry.url, if any) or USER_INFO"
                    + " (basic.auth.user.info).", "URL", "USER_INFO");

    public static final Setting<Optional<String>> BASIC_AUTH_USER_INFO = Setting.optional(new Setting<>("basic.auth.user.info",
            null, "user:password for the schema registry's HTTP basic authentication, with basic.auth.credentials.source=USER_INFO.",
            "user:password", raw -> {
                if (raw.indexOf(':') <= 0) {
                    throw new IllegalArgumentException("no user");
                }
                return raw;
            }));

    public static final Setting<Boolean> AUTO_REGISTER_SCHEMAS = Setting.bool("auto.register.schemas", true,
            "Register the app's output schemas in the registry when missing; when false they must be registered already.");

    public static final Setting<Boolean> USE_LATEST_VERSION = Setting.bool("use.latest.version", false,
            "Write outputs with their subject's latest registered schema instead of the app's own (it must be able to read it).");

    public static final Setting<Duration> SCHEMA_REGISTRY_OUTAGE_WAIT = Setting.nonNegativeDuration(
            "schema.registry.outage.wait", Duration.ofSeconds(5),
            "How long reading a record's schema waits for an unreachable registry, trying again, before the stream thread"
                    + " fails (its replacement then waits for the old member's session to expire); keep it below"
                    + " transaction.timeout.ms (10s under exactly-once); 0 fails at once.");

    public static final Setting<Long> ROCKSDB_MEMORY_BUDGET = Setting.size("rocksdb.memory.budget", DataSizes.parse("256MB"),
            "Memory for all RocksDB stores of the process together (block cache and write buffers).");

    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration("shutdown.timeout", Duration.ofSeconds(30),
            "How long a shutdown waits for the Streams client to commit and close.");

    public static final Setting<Boolean> HTTP_ENABLED = Setting.bool("http.enabled", true,
            "Serve /health/live, /health/ready, /metrics and the app's interactive queries over HTTP.");

    public static final Setting<String> HTTP_HOST = Setting.string("http.host", "0.0.0.0",
            "Address the HTTP server listens on; 0.0.0.0 is every interface.");

    /** A fallback only: each app of the suite supplies its own port through {@link StreamsApp#defaults()}. */
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 7070, 0, 65_535,
            "Port of the HTTP server; 0 picks a free one (the log says which).");

    public static final Setting<Optional<String>> HTTP_ADVERTISED_HOST = Setting.optional(new Setting<>("http.advertised.host", null,
            "Host other instances and clients reach this one at, announced as Streams' application.server;"
                    + " empty means this machine's host name.",
            "a host name or IP address without a port", CommonSettings::hostName));

    public static final Setting<Optional<Integer>> HTTP_ADVERTISED_PORT = Setting.optional(Setting.integer("http.advertised.port", null,
            1, 65_535, "Port other instances and clients reach this one at; empty means the port the server listens on."));

    public static final Setting<Boolean> GROUP_CONFIGS_APPLY = Setting.bool("group.configs.apply", false,
            "Under group.protocol=streams, set the group configs (streams.num.standby.replicas, streams.session.timeout.ms,"
                    + " ...) at start from the client settings the protocol ignores; needs ALTER_CONFIGS on the group.");

    public static final Setting<Optional<Integer>> HTTP_PROBES_PORT = Setting.optional(Setting.integer("http.probes.port", null,
            0, 65_535, "A second port that serves only /health/live and /health/ready, on threads of their own, so that"
                    + " slow or stalled clients of http.port never fail a probe; 0 picks a free one; empty means the"
                    + " probes are served on http.port only. They stay on http.port either way."));

    /** Long enough that guessing is hopeless; within the JDK server's 16 KiB of request headers with room. */
    static final int TOKEN_MIN = 16;
    static final int TOKEN_MAX = 1024;

    public static final Setting<Optional<String>> HTTP_AUTH_TOKEN = new Setting<>("http.auth.token", Optional.empty(),
            "Bearer token the interactive queries require (Authorization: Bearer <token>); /health/* and /metrics stay"
                    + " open. Not set: no authentication. Every instance of an app needs the same token; never logged.",
            TOKEN_MIN + " to " + TOKEN_MAX + " characters of A-Z a-z 0-9 - . _ ~ + / (then = padding), or a config provider"
                    + " reference to such a value", raw -> Optional.of(token(raw)));

    private CommonSettings() {
    }

    /** {@code application.id}, defaulting to the app's name. */
    public static Setting<String> applicationId(String appName) {
        return Setting.string(StreamsConfig.APPLICATION_ID_CONFIG, appName,
                "Consumer group and prefix of internal topics; instances with the same id share the work.");
    }

    /** Every common setting, with {@code application.id} defaulting to the app's name. */
    public static List<Setting<?>> all(String appName) {
        return List.of(BOOTSTRAP_SERVERS, applicationId(appName), PROCESSING_GUARANTEE, TOPICS_CREATE, TOPICS_PARTITIONS,
                TOPICS_REPLICATION_FACTOR, TOPICS_TIMEOUT, SERDE_FORMAT, EVENT_TIME_MAX_FUTURE, PROCESSING_FAILURES_MAX_SHARE,
                PROCESSING_FAILURES_WINDOW, SCHEMA_REGISTRY_URL, BASIC_AUTH_CREDENTIALS_SOURCE,
                BASIC_AUTH_USER_INFO, AUTO_REGISTER_SCHEMAS, USE_LATEST_VERSION, SCHEMA_REGISTRY_OUTAGE_WAIT,
                ROCKSDB_MEMORY_BUDGET, SHUTDOWN_TIMEOUT,
                HTTP_ENABLED, HTTP_HOST, HTTP_PORT, HTTP_ADVERTISED_HOST, HTTP_ADVERTISED_PORT, HTTP_PROBES_PORT,
                HTTP_AUTH_TOKEN, GROUP_CONFIGS_APPLY);
    }

    private static List<URI> urls(String raw) {
        List<URI> urls = new ArrayList<>();
        for (String item : raw.split(",")) {
            URI url = URI.create(item.trim());
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException(item);
            }
            urls.add(url);
        }
        return List.copyOf(urls);
    }

    /**
     * RFC 6750's token syntax, so that the header is sent as configured. Unlike the other optional keys an empty value is
     * refused, not read as "not set": a secret file or variable that turned up empty must not switch authentication off.
     */
    private static String token(String raw) {
        if (raw.length() < TOKEN_MIN || raw.length() > TOKEN_MAX || !raw.matches("[A-Za-z0-9._~+/-]+=*")) {
            throw new IllegalArgumentException("not a bearer token");
        }
        return raw;
    }

    /** application.server is host:port, so a colon (a port, an unbracketed IPv6 address) would garble it. */
    private static String hostName(String raw) {
        if (raw.isBlank() || raw.contains(":") || raw.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(raw);
        }
        return raw;
    }
}
