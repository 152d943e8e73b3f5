package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.DeadLetterDeserializationHandler;
import io.streamsuite.topologies.errors.DeadLetterProductionHandler;
import io.streamsuite.topologies.rocksdb.BoundedMemoryRocksDBConfig;
import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.serde.EventTimeExtractor;
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
        assertThat(sample(Map.of("num.stream.thread", "2", "producer.linger.ms", "5")).unrecognizedKafkaKeys())
                .containsExactly("num.stream.thread");
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
}
