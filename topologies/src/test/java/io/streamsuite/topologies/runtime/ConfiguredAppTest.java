package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.DeadLetterDeserializationHandler;
import io.streamsuite.topologies.errors.DeadLetterProductionHandler;
import io.streamsuite.topologies.rocksdb.BoundedMemoryRocksDBConfig;
import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.serde.EventTimeExtractor;
import io.streamsuite.topologies.serde.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

class ConfiguredAppTest {

    static ConfiguredApp sample(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putIfAbsent("bootstrap.servers", "localhost:9092");
        return ConfiguredApp.of(new SampleApp(), all);
    }

    @Test
    void streamsPropertiesCarryTheSuitesDefaults() {
        Properties props = sample(Map.of()).streamsProperties();
        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "sample-app")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "sample-app-dlq")
                .containsEntry(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimeExtractor.class.getName())
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName())
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName())
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class.getName())
                .containsEntry(BoundedMemoryRocksDBConfig.BUDGET_CONFIG, Long.toString(256L << 20))
                .doesNotContainKeys("topics.create", "sample.max-amount", "shutdown.timeout");
    }

    @Test
    void applicationIdNamesTheDeadLetterTopic() {
        ConfiguredApp app = sample(Map.of("application.id", "orders-eu", "rocksdb.memory.budget", "64MB"));
        assertThat(app.deadLetterTopic()).isEqualTo("orders-eu-dlq");
        assertThat(app.context().deadLetterTopic()).isEqualTo("orders-eu-dlq");
        assertThat(sample(Map.of("errors.dead.letter.queue.topic.name", "shared-dlq")).context().deadLetterTopic()).isEqualTo("shared-dlq");
        assertThat(app.streamsProperties()).containsEntry(BoundedMemoryRocksDBConfig.BUDGET_CONFIG, Long.toString(64L << 20));
    }

    @Test
    void userOverridesWinOverSuiteDefaults() {
        Properties props = sample(Map.of("processing.guarantee", "at_least_once", "num.stream.threads", "2")).streamsProperties();
        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
    }

    @Test
    void misspeltKafkaKeysAreReported() {
        assertThat(sample(Map.of("num.stream.thread", "2", "producer.linger.ms", "5",
                StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, "0",
                "__emit.interval.ms__", "0")).unrecognizedKafkaKeys())
                .containsExactlyInAnyOrder("num.stream.thread", "__emit.interval.ms__");
    }

    @Test
    void unnamedInternalResourcesAreRefused() {
        StreamsApp unnamed = new StreamsApp() {
            public String name() {
                return "unnamed";
            }

            public String configPrefix() {
                return "unnamed.";
            }

            public List<Setting<?>> settings() {
                return List.of();
            }

            public List<TopicDef> topics() {
                return List.of(TopicDef.input("in", "words"));
            }

            public Topology buildTopology(AppContext context) {
                StreamsBuilder builder = context.streamsBuilder();
                builder.stream("in", org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.String()))
                        .groupByKey().count();
                return builder.build();
            }
        };
        ConfiguredApp app = ConfiguredApp.of(unnamed, Map.of("bootstrap.servers", "localhost:9092"));
        assertThatThrownBy(app::topology).hasMessageContaining("has not been named");
    }

    static ConfiguredApp merging(Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putIfAbsent("bootstrap.servers", "localhost:9092");
        return ConfiguredApp.of(new MergingApp(), all);
    }

    @Test
    void anInputListIsOneSourceOverEveryListedTopic() {
        ConfiguredApp app = merging(Map.of("topic.merge-events", "clicks-views, clicks-carts"));
        assertThat(app.context().topicName(MergingApp.EVENTS)).isEqualTo("clicks-views, clicks-carts");
        assertThat(app.context().topicNames(MergingApp.EVENTS)).isEqualTo(TopicNames.of("clicks-views", "clicks-carts"));
        assertThat(app.topology().describe().toString())
                .contains("Source: merge-events-source (topics: [clicks-views, clicks-carts])");
    }

    @Test
    void anInputPatternIsOneSourceOverTheMatchingTopics() {
        ConfiguredApp app = merging(Map.of("topic.merge-events", "clicks-(views|carts)"));
        assertThat(app.context().topicNames(MergingApp.EVENTS).isPattern()).isTrue();
        assertThat(app.topology().describe().toString()).contains("Source: merge-events-source (topics: clicks-(views|carts))");
    }

    @Test
    void badListsAndListsOnOutputsStopTheLoadNamingTheKey() {
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "a,b,a"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value 'a,b,a' for topic.merge-events: topic a is listed twice");
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "a,,b")))
                .hasMessage("Invalid value 'a,,b' for topic.merge-events: empty entry in the list of topics");
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "a-(b")))
                .hasMessageStartingWith("Invalid value 'a-(b' for topic.merge-events: not a valid regular expression");
        assertThatThrownBy(() -> merging(Map.of("topic.merge-merged", "out-a,out-b")))
                .hasMessageStartingWith("Invalid value 'out-a,out-b' for topic.merge-merged: expected one topic name");
        assertThatThrownBy(() -> sample(Map.of("topic.sample-totals", "totals-.*")))
                .hasMessageStartingWith("Invalid value 'totals-.*' for topic.sample-totals: expected one topic name");
    }

    @Test
    void aPatternThatMatchesATopicTheAppWritesIsRefused() {
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "merg.*"))).isInstanceOf(InvalidConfigException.class)
                .hasMessage("Pattern 'merg.*' of topic.merge-events also matches merge-merged (topic.merge-merged):"
                        + " the app would read it as input; narrow the pattern");
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "merging-app-.*")))
                .hasMessage("Pattern 'merging-app-.*' of topic.merge-events also matches merging-app-dlq (the dead-letter topic):"
                        + " the app would read it as input; narrow the pattern");
        assertThatThrownBy(() -> merging(Map.of("topic.merge-events", "(clicks|shared)-.*",
                "errors.dead.letter.queue.topic.name", "shared-dlq"))).hasMessageContaining("also matches shared-dlq");
        assertThat(merging(Map.of("topic.merge-events", "merge-(views|carts)")).context().topicNames(MergingApp.EVENTS)
                .matches("merge-views")).isTrue();
    }

    @Test
    void anAppThatReadsAListAsOneTopicIsRefusedRatherThanReadingNothing() {
        // SampleApp subscribes with builder.stream(spec.name(), ...), which takes the whole value as one topic name
        ConfiguredApp app = sample(Map.of("topic.sample-orders", "orders-eu, orders-us"));
        assertThatThrownBy(app::topology).isInstanceOf(InvalidConfigException.class)
                .hasMessage("topic.sample-orders=orders-eu, orders-us is a list or a pattern, but sample-app reads it as one topic"
                        + " of that name: configure one topic name");
        assertThatThrownBy(sample(Map.of("topic.sample-orders", "orders-.*"))::topology)
                .hasMessageStartingWith("topic.sample-orders=orders-.* is a list or a pattern");
        assertThat(sample(Map.of("topic.sample-orders", "orders-eu")).topology().describe().toString()).contains("orders-eu");
    }

    @Test
    void everySettingKeyIsUniqueAndDocumentedInTheReadme() throws IOException {
        List<Setting<?>> settings = ConfiguredApp.settingsOf(new SampleApp());
        Set<String> keys = new HashSet<>();
        settings.forEach(s -> assertThat(keys.add(s.key())).as("unique " + s.key()).isTrue());
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Setting<?> setting : CommonSettings.all("any")) {
            assertThat(readme).as("README documents " + setting.key()).contains("`" + setting.key() + "`");
            assertThat(setting.doc()).isNotBlank();
        }
    }

    @Test
    void avroWithoutARegistryIsAOneLineConfigError() {
        assertThatThrownBy(() -> sample(Map.of("serde.format", "avro")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Missing required key schema.registry.url: serde.format=avro needs a Confluent-compatible schema"
                        + " registry; set it in the properties file, as STREAMS_SCHEMA_REGISTRY_URL or with --set schema.registry.url=...");
    }

    @Test
    void registrySettingsAreValidatedAtLoad() {
        assertThatThrownBy(() -> sample(Map.of("serde.format", "avro", "schema.registry.url", "registry:8081")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("schema.registry.url").hasMessageContaining("one or more http(s) URLs separated by commas");
        assertThatThrownBy(() -> sample(Map.of("serde.format", "protobuf")))
                .hasMessageContaining("one of json, avro, avro-single-object");
        assertThatThrownBy(() -> sample(Map.of("serde.format", "avro", "schema.registry.url", "http://r:8081",
                "basic.auth.credentials.source", "USER_INFO")))
                .hasMessageStartingWith("Missing required key basic.auth.user.info: basic.auth.credentials.source=USER_INFO needs user:password");
        assertThatThrownBy(() -> sample(Map.of("schema.registry.ur", "http://r:8081")))
                .hasMessageContaining("Unknown key 'schema.registry.ur'").hasMessageContaining("did you mean schema.registry.url?");
    }

    @Test
    void registryKeysAreTheSuitesNotKafkas() {
        ConfiguredApp app = sample(Map.of("serde.format", "avro", "schema.registry.url", "http://r1:8081, https://r2:8081",
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "app:secret",
                "auto.register.schemas", "false", "use.latest.version", "true"));

        assertThat(app.streamsProperties()).doesNotContainKeys("schema.registry.url", "basic.auth.user.info",
                "auto.register.schemas", "use.latest.version", "basic.auth.credentials.source");
        assertThat(app.config().describe()).contains("basic.auth.user.info = [redacted] (properties)");
    }

    @Test
    void theTopologyIsBuiltWithoutContactingTheRegistry() {
        // nothing listens there: --describe must still work
        ConfiguredApp app = sample(Map.of("serde.format", "avro", "schema.registry.url", "http://127.0.0.1:1"));

        assertThat(app.topology().describe().toString()).contains("sample-orders-source");
    }
}
