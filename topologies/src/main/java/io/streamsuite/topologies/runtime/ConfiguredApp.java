package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.ConfigProviderReferences;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.KafkaKeys;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.DeadLetterDeserializationHandler;
import io.streamsuite.topologies.errors.DeadLetterProcessingHandler;
import io.streamsuite.topologies.errors.DeadLetterProductionHandler;
import io.streamsuite.topologies.rocksdb.BoundedMemoryRocksDBConfig;
import io.streamsuite.topologies.serde.EventTimeExtractor;
import io.streamsuite.topologies.serde.TopicNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * An app together with its validated configuration: the single path from properties to a {@link Topology} and
 * the Streams properties, shared by the runner and the test harness so that tests run what production runs.
 */
public final class ConfiguredApp {

    private final StreamsApp app;
    private final AppConfig config;
    private final String applicationId;
    private final Properties streamsProperties;
    private final StreamsConfig streamsConfig;
    private final AppContext context;

    private ConfiguredApp(StreamsApp app, ConfigSources.Merged merged) {
        this.app = app;
        List<String> owned = new ArrayList<>(CommonSettings.OWNED_PREFIXES);
        owned.add(app.configPrefix());
        this.config = new AppConfig(merged, settingsOf(app), owned);
        this.applicationId = config.get(CommonSettings.applicationId(app.name()));
        this.streamsProperties = buildStreamsProperties();
        this.streamsConfig = validate(streamsProperties);
        this.context = new AppContext(config, app.name(), applicationId, deadLetterTopic(), streamsConfig,
                EventEncoding.from(config));
        rejectPatternsMatchingOwnTopics();
    }

    /** Loads the app's configuration from its four sources (see {@link ConfigSources}). */
    public static ConfiguredApp load(StreamsApp app, Path file, Map<String, String> env, List<String> sets) {
        return new ConfiguredApp(app, ConfigSources.merge(defaultsOf(app), file, env, sets));
    }

    /** Configures the app from properties alone, as if they were its file; for tests and tools. */
    public static ConfiguredApp of(StreamsApp app, Map<String, String> properties) {
        Map<String, String> values = new TreeMap<>(defaultsOf(app));
        Map<String, String> origins = new TreeMap<>();
        values.keySet().forEach(key -> origins.put(key, "default"));
        properties.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, "properties");
        });
        return new ConfiguredApp(app, new ConfigSources.Merged(values, origins));
    }

    /** Every setting the app accepts: the common ones, one per topic name, and the app's own. */
    public static List<Setting<?>> settingsOf(StreamsApp app) {
        List<Setting<?>> all = new ArrayList<>(CommonSettings.all(app.name()));
        app.topics().forEach(topic -> all.add(topic.nameSetting()));
        all.addAll(app.settings());
        return all;
    }

    /**
     * Kafka settings the suite chooses differently from Kafka's defaults; each can still be overridden.
     * The app's own defaults come on top of these.
     */
    static Map<String, String> defaultsOf(StreamsApp app) {
        Map<String, String> defaults = new LinkedHashMap<>();
        // a renamed processor must never silently orphan a store or an internal topic
        defaults.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        defaults.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class.getName());
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        defaults.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        defaults.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class.getName());
        // global-store processors get the same processing exception handling as tasks (Kafka 4.3 warns until set)
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        defaults.putAll(app.defaults());
        return defaults;
    }

    public StreamsApp app() {
        return app;
    }

    public AppConfig config() {
        return config;
    }

    public AppContext context() {
        return context;
    }

    /**
     * Builds the topology; a pure function of the configuration.
     *
     * @throws InvalidConfigException if an input configured as a list or a pattern is read as one topic of that name,
     *                                by an app that passes {@code TopicSpec.name()} to the builder
     */
    public Topology topology() {
        Topology topology = app.buildTopology(context);
        rejectListsReadAsOneTopic(topology);
        return topology;
    }

    /**
     * An app that subscribes with {@code builder.stream(spec.name(), ...)} would read a list or a pattern as one topic
     * of that (illegal) name and silently consume nothing; it must use {@code TopicSpec.stream} for that.
     */
    private void rejectListsReadAsOneTopic(Topology topology) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().forEach(this::rejectIfList);
                }
            }
        }
    }

    private void rejectIfList(String sourceTopic) {
        if (TopicNames.isLegalName(sourceTopic)) {
            return;
        }
        for (TopicDef topic : app.topics()) {
            if (context.topicName(topic).equals(sourceTopic)) {
                throw new InvalidConfigException(topic.nameSetting().key() + "=" + sourceTopic + " is a list or a pattern, but "
                        + app.name() + " reads it as one topic of that name: configure one topic name");
            }
        }
    }

    /** The dead-letter topic in effect (Kafka's own key, if set, wins over {@code <application.id>-dlq}). */
    public String deadLetterTopic() {
        String configured = config.raw(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return configured != null && !configured.isBlank() ? configured : applicationId + "-dlq";
    }

    /** Everything {@code KafkaStreams} is given (a copy: callers may add to it). */
    public Properties streamsProperties() {
        Properties copy = new Properties();
        copy.putAll(streamsProperties);
        return copy;
    }

    /** The Streams properties as Kafka parsed them, e.g. for client configs. */
    public StreamsConfig streamsConfig() {
        return streamsConfig;
    }

    private Properties buildStreamsProperties() {
        Properties props = new Properties();
        props.putAll(config.kafkaProperties());
        // Kafka keys the suite gives defaults of its own, which no source may have set
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.get(CommonSettings.PROCESSING_GUARANTEE));
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic());
        // read by DeadLetterProcessingHandler, which Kafka configures with these properties
        props.put(DeadLetterProcessingHandler.MAX_SHARE_CONFIG, Double.toString(config.get(CommonSettings.PROCESSING_FAILURES_MAX_SHARE)));
        props.put(DeadLetterProcessingHandler.WINDOW_CONFIG, Integer.toString(config.get(CommonSettings.PROCESSING_FAILURES_WINDOW)));
        props.put(BoundedMemoryRocksDBConfig.BUDGET_CONFIG, Long.toString(config.get(CommonSettings.ROCKSDB_MEMORY_BUDGET)));
        return props;
    }

    /**
     * Parsed by {@link StreamsConfig} itself, so that a bad Kafka value (say {@code num.stream.threads=two}) stops the
     * app at start like a bad app value does. Kafka resolves config provider references ({@code ${file:...}},
     * {@code ${dir:...}}, {@code ${env:...}}) here too: a provider that fails (a file it may not read) stops the app
     * the same way, and so does a reference it left unresolved.
     */
    private static StreamsConfig validate(Properties props) {
        try {
            StreamsConfig config = new StreamsConfig(props);
            ConfigProviderReferences.requireResolved(props, config.originals());
            return config;
        } catch (ConfigException e) {
            throw new InvalidConfigException(e.getMessage().lines().findFirst().orElse("invalid Kafka configuration"), e);
        }
    }

    /**
     * An input pattern that matches a topic the app writes (its outputs, its dead-letter topic) would feed the app its
     * own records forever; one that matches another declared topic would subscribe it twice. Both are refused here.
     */
    private void rejectPatternsMatchingOwnTopics() {
        Map<String, String> ownTopics = new LinkedHashMap<>();
        for (TopicDef topic : app.topics()) {
            context.topicNames(topic).names().forEach(name -> ownTopics.putIfAbsent(name, topic.nameSetting().key()));
        }
        ownTopics.putIfAbsent(deadLetterTopic(), "the dead-letter topic");
        for (TopicDef topic : app.topics()) {
            TopicNames names = context.topicNames(topic);
            if (!names.isPattern()) {
                continue;
            }
            ownTopics.forEach((name, what) -> {
                if (names.matches(name)) {
                    throw new InvalidConfigException("Pattern '" + names + "' of " + topic.nameSetting().key()
                            + " also matches " + name + " (" + what + "): the app would read it as input; narrow the pattern");
                }
            });
        }
    }

    /** Kafka keys that no Kafka client or Streams knows: probably typos, which Kafka itself would ignore. */
    public List<String> unrecognizedKafkaKeys() {
        return config.kafkaProperties().keySet().stream().filter(key -> !KafkaKeys.isKnown(key)).toList();
    }
}
