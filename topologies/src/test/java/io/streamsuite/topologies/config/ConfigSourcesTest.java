package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

    @TempDir
    Path dir;

    @Test
    void precedenceIsDefaultsThenFileThenEnvironmentThenSet() throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "a=file\nb=file\nc=file\n");
        Map<String, String> env = Map.of("STREAMS_B", "env", "STREAMS_C", "env", "PATH", "/usr/bin");
        ConfigSources.Merged merged = ConfigSources.merge(Map.of("a", "default", "d", "default"), file, env, List.of("c=set"));

        assertThat(merged.values()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "file", "b", "env", "c", "set", "d", "default"));
        assertThat(merged.origins()).containsEntry("a", "file").containsEntry("b", "env").containsEntry("c", "--set")
                .containsEntry("d", "default");
    }

    @Test
    void environmentNamesFollowTheContract() {
        assertThat(ConfigSources.environmentName("fraud.velocity.max-count")).isEqualTo("STREAMS_FRAUD_VELOCITY_MAX__COUNT");
        assertThat(ConfigSources.environmentName("bootstrap.servers")).isEqualTo("STREAMS_BOOTSTRAP_SERVERS");
        assertThat(ConfigSources.keyOf("STREAMS_FRAUD_VELOCITY_MAX__COUNT")).isEqualTo("fraud.velocity.max-count");
        assertThat(ConfigSources.keyOf("STREAMS_BOOTSTRAP_SERVERS")).isEqualTo("bootstrap.servers");
        assertThat(ConfigSources.fromEnvironment(Map.of("STREAMS_", "x", "HOME", "/root", "STREAMS_HTTP_PORT", "1")))
                .containsExactlyEntriesOf(Map.of("http.port", "1"));
    }

    @Test
    void setValuesMayContainEqualsSigns() {
        assertThat(ConfigSources.fromSetArguments(List.of("sasl.jaas.config=a b=c", " k = v ")))
                .containsEntry("sasl.jaas.config", "a b=c").containsEntry("k", "v");
    }

    @Test
    void setWithoutEqualsIsRejected() {
        assertThatThrownBy(() -> ConfigSources.fromSetArguments(List.of("bootstrap.servers")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Invalid --set 'bootstrap.servers': expected key=value");
    }

    @Test
    void missingFileIsOneClearLine() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigSources.merge(Map.of(), missing, Map.of(), List.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Cannot read config file " + missing + ": no such file");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> ConfigSources.merge(Map.of(), dir, Map.of(), List.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Cannot read config file " + dir);
    }
}
