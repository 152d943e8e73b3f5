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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http.auth.token}: off unless set, read from a secret file like Kafka's secrets, checked at start, never shown. */
class HttpAuthTokenTest {

    static final String TOKEN = "tok-3b9f1c2d7e8a4f60";

    @TempDir
    Path dir;

    @Test
    void offByDefault() {
        assertThat(ConfiguredAppTest.sample(Map.of()).config().get(CommonSettings.HTTP_AUTH_TOKEN)).isEmpty();
    }

    @Test
    void aTokenFromAFileProviderIsResolvedAndOnlyItsReferenceIsShown() throws IOException {
        Path secret = dir.resolve("http.properties");
        Files.writeString(secret, "token=" + TOKEN + "\n");
        String reference = "${file:" + secret + ":token}";
        ConfiguredApp app = load("http.auth.token=" + reference);

        assertThat(app.config().get(CommonSettings.HTTP_AUTH_TOKEN)).contains(TOKEN);
        String described = String.join("\n", app.config().describe());
        assertThat(described).contains("http.auth.token = " + reference + " (file)").doesNotContain(TOKEN);
        // the suite's own key: never handed to Kafka's clients
        assertThat(app.streamsProperties()).doesNotContainKey("http.auth.token");
    }

    @Test
    void aTokenGivenDirectlyIsRedacted() {
        ConfiguredApp app = ConfiguredAppTest.sample(Map.of("http.auth.token", TOKEN));
        assertThat(app.config().get(CommonSettings.HTTP_AUTH_TOKEN)).isEqualTo(Optional.of(TOKEN));
        assertThat(String.join("\n", app.config().describe())).contains("http.auth.token = [redacted]").doesNotContain(TOKEN);
    }

    @Test
    void anEmptyShortOrMalformedTokenStopsTheAppInOneLineNamingTheKeyButNotTheValue() {
        for (String bad : List.of("", "   ", "short-token", "has spaces in it 0123456789", "quote\"0123456789abcdef")) {
            assertThatThrownBy(() -> ConfiguredAppTest.sample(Map.of("http.auth.token", bad))).as(bad)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage("Invalid value '[redacted]' for http.auth.token: expected 16 to 1024 characters of"
                            + " A-Z a-z 0-9 - . _ ~ + / (then = padding), or a config provider reference to such a value");
        }
    }

    @Test
    void aSecretFileThatTurnedUpEmptyDoesNotSwitchAuthenticationOff() throws IOException {
        Path secret = dir.resolve("http.properties");
        Files.writeString(secret, "token=\n");
        assertThatThrownBy(() -> load("http.auth.token=${file:" + secret + ":token}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("Invalid value '[redacted]' for http.auth.token");
    }

    @Test
    void aReferenceNoProviderResolvesStopsTheAppNamingTheKey() {
        assertThatThrownBy(() -> load("http.auth.token=${env:STREAMS_SUITE_TEST_NEVER_SET}"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unresolved reference ${env:STREAMS_SUITE_TEST_NEVER_SET} in http.auth.token: "
                        + "config provider 'env' found no value for it");
    }

    private ConfiguredApp load(String line) throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, String.join("\n", List.of(
                "bootstrap.servers=localhost:9093",
                "config.providers=file,env",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                line)) + "\n");
        return ConfiguredApp.load(new SampleApp(), file, Map.of(), List.of());
    }
}
