package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.sample.SampleApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given through Kafka's config providers in the properties file: Kafka resolves them for every client the app
 * makes, the effective configuration shows where they come from but never them, and one Kafka cannot resolve stops the
 * app at start.
 */
class ConfigProvidersTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\" password=\"pw-from-dir\";";

    @TempDir
    Path dir;

    private ConfiguredApp load(String... lines) throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, String.join("\n", List.of(
                "bootstrap.servers=localhost:9093",
                "security.protocol=SASL_SSL",
                "config.providers=file,dir,env",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                "config.providers.dir.param.allowed.paths=" + dir,
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider")) + "\n"
                + String.join("\n", lines) + "\n");
        return ConfiguredApp.load(new SampleApp(), file, Map.of(), List.of());
    }

    @Test
    void fileDirectoryAndEnvironmentReferencesReachTheClientsResolved() throws IOException {
        Files.writeString(dir.resolve("tls.properties"), "keystore.password=pw-from-file\n");
        Files.createDirectories(dir.resolve("user"));
        Files.writeString(dir.resolve("user").resolve("sasl.jaas.config"), JAAS);
        String path = System.getenv("PATH");

        ConfiguredApp app = load(
                "ssl.keystore.password=${file:" + dir.resolve("tls.properties") + ":keystore.password}",
                "sasl.jaas.config=${dir:" + dir.resolve("user") + ":sasl.jaas.config}",
                "ssl.truststore.password=${env:PATH}");

        Map<String, Object> consumer = app.streamsConfig().getMainConsumerConfigs("g", "c", 0);
        assertThat(consumer.get("ssl.keystore.password")).hasToString("pw-from-file");
        assertThat(consumer.get("sasl.jaas.config")).hasToString(JAAS);
        assertThat(consumer.get("ssl.truststore.password")).hasToString(path);
        assertThat(consumer).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9093");

        String described = String.join("\n", app.config().describe());
        assertThat(described)
                .contains("sasl.jaas.config = ${dir:" + dir.resolve("user") + ":sasl.jaas.config} (file)")
                .contains("ssl.truststore.password = ${env:PATH} (file)")
                .doesNotContain("pw-from-file", "pw-from-dir", path);
    }

    @Test
    void anEnvironmentVariableThatIsNotSetStopsTheAppNamingTheKey() {
        assertThatThrownBy(() -> load("ssl.truststore.password=${env:STREAMS_SUITE_TEST_NEVER_SET}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unresolved reference ${env:STREAMS_SUITE_TEST_NEVER_SET} in ssl.truststore.password: "
                        + "config provider 'env' found no value for it");
    }

    @Test
    void aKeyMissingFromTheSecretDirectoryStopsTheApp() {
        assertThatThrownBy(() -> load("sasl.jaas.config=${dir:" + dir + ":no-such-file}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Unresolved reference ${dir:" + dir + ":no-such-file} in sasl.jaas.config");
    }

    @Test
    void aPathOutsideTheAllowedOnesStopsTheApp() {
        assertThatThrownBy(() -> load("sasl.jaas.config=${dir:/etc:passwd}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("/etc");
    }
}
