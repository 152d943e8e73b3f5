package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    static final Setting<String> SERVERS = Setting.string("bootstrap.servers", null, "brokers");
    static final Setting<Integer> MAX_COUNT = Setting.integer("fraud.velocity.max-count", 5, 1, 1000, "max");
    static final Setting<Duration> WINDOW = Setting.duration("fraud.velocity.window", Duration.ofSeconds(60), "window");
    static final Setting<Long> BUDGET = Setting.size("rocksdb.memory.budget", 1L << 28, "budget");
    static final List<Setting<?>> SETTINGS = List.of(SERVERS, MAX_COUNT, WINDOW, BUDGET);
    static final List<String> OWNED = List.of("fraud.", "topic.", "rocksdb.");

    static AppConfig config(Map<String, String> values) {
        Map<String, String> origins = new java.util.HashMap<>();
        values.keySet().forEach(k -> origins.put(k, "file"));
        return new AppConfig(new ConfigSources.Merged(values, origins), SETTINGS, OWNED);
    }

    @Test
    void parsesSetValuesAndFallsBackToDefaults() {
        AppConfig config = config(Map.of("bootstrap.servers", "k:9092", "fraud.velocity.max-count", "7"));
        assertThat(config.get(MAX_COUNT)).isEqualTo(7);
        assertThat(config.get(WINDOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.get(SERVERS)).isEqualTo("k:9092");
    }

    @Test
    void unknownKeyInAnOwnedNamespaceStopsWithASuggestion() {
        assertThatThrownBy(() -> config(Map.of("bootstrap.servers", "k:9092", "fraud.velocity.max-cnt", "7")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unknown key 'fraud.velocity.max-cnt' set by file (did you mean fraud.velocity.max-count?)"
                        + ": not a setting of this app; --help lists them");
    }

    @Test
    void missingRequiredKeyNamesEveryWayToSetIt() {
        assertThatThrownBy(() -> config(Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Missing required key bootstrap.servers: set it in the properties file, as STREAMS_BOOTSTRAP_SERVERS"
                        + " or with --set bootstrap.servers=...");
    }

    @Test
    void badValueNamesKeyValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> config(Map.of("bootstrap.servers", "k:9092", "fraud.velocity.window", "-5s")))
                .hasMessageStartingWith("Invalid value '-5s' for fraud.velocity.window: expected a positive duration");
    }

    @Test
    void kafkaKeysPassThroughAndOwnedKeysDoNot() {
        AppConfig config = config(Map.of(
                "bootstrap.servers", "k:9092",
                "num.stream.threads", "2",
                "fraud.velocity.max-count", "7",
                "rocksdb.config.setter", "x.Y",
                "topic.min.insync.replicas", "2",
                "producer.linger.ms", "5"));
        assertThat(config.kafkaProperties()).containsOnlyKeys("bootstrap.servers", "num.stream.threads", "rocksdb.config.setter",
                "topic.min.insync.replicas", "producer.linger.ms");
    }

    @Test
    void describeRedactsSecretsAndShowsOrigins() {
        AppConfig config = config(Map.of("bootstrap.servers", "k:9092",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
                "ssl.truststore.password", "hunter2"));
        assertThat(String.join("\n", config.describe()))
                .doesNotContain("hunter2")
                .contains("sasl.jaas.config = [redacted] (file)")
                .contains("ssl.truststore.password = [redacted] (file)")
                .contains("bootstrap.servers = k:9092 (file)")
                .contains("fraud.velocity.window = PT1M (default)");
    }

    @Test
    void duplicateDeclarationIsABug() {
        Map<String, String> origins = Map.of();
        assertThatThrownBy(() -> new AppConfig(new ConfigSources.Merged(Map.of(), origins), List.of(MAX_COUNT, MAX_COUNT), OWNED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void editDistance() {
        assertThat(AppConfig.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(AppConfig.editDistance("", "abc")).isEqualTo(3);
        assertThat(AppConfig.editDistance("same", "same")).isZero();
    }
}
