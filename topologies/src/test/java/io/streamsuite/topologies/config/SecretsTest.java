package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ssl.keystore.password", "ssl.key.password", "sasl.jaas.config", "producer.sasl.jaas.config",
            "ssl.keystore.key", "basic.auth.user.info", "sasl.oauthbearer.client.credentials.client.secret"})
    void secretsAreRedacted(String key) {
        assertThat(Secrets.redact(key, "hunter2")).isEqualTo(Secrets.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "security.protocol", "ssl.truststore.location", "basic.auth.credentials.source"})
    void ordinaryKeysAreShown(String key) {
        assertThat(Secrets.redact(key, "value")).isEqualTo("value");
    }

    @Test
    void passwordsInUrlsAreRedacted() {
        assertThat(Secrets.redact("schema.registry.url", "https://app:s3cret@registry-1:8081,https://registry-2:8081"))
                .isEqualTo("https://[redacted]@registry-1:8081,https://registry-2:8081");
    }
}
