package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ssl.keystore.password", "ssl.key.password", "sasl.jaas.config", "producer.sasl.jaas.config",
            "ssl.keystore.key", "basic.auth.user.info", "sasl.oauthbearer.client.credentials.client.secret",
            "bearer.auth.token", "config.providers.vault.param.vault.token"})
    void secretsAreRedacted(String key) {
        assertThat(Secrets.redact(key, "hunter2")).isEqualTo(Secrets.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "security.protocol", "ssl.truststore.location", "basic.auth.credentials.source"})
    void ordinaryKeysAreShown(String key) {
        assertThat(Secrets.redact(key, "value")).isEqualTo("value");
    }

    @Test
    void aSecretGivenAsAConfigProviderReferenceShowsTheReference() {
        assertThat(Secrets.redact("sasl.jaas.config", "${dir:/etc/kafka-secrets/app:sasl.jaas.config}"))
                .isEqualTo("${dir:/etc/kafka-secrets/app:sasl.jaas.config}");
        assertThat(Secrets.redact("ssl.keystore.password", "${env:KEYSTORE_PASSWORD}")).isEqualTo("${env:KEYSTORE_PASSWORD}");
    }

    @Test
    void aSecretWithAReferenceInsideIsStillRedacted() {
        assertThat(Secrets.redact("sasl.jaas.config", "ScramLoginModule required username=\"app\" password=\"${env:PW}\";"))
                .isEqualTo(Secrets.REDACTED);
        assertThat(Secrets.redact("ssl.key.password", "hunter2${env:X}")).isEqualTo(Secrets.REDACTED);
    }

    @Test
    void passwordsInUrlsAreRedacted() {
        assertThat(Secrets.redact("schema.registry.url", "https://app:s3cret@registry-1:8081,https://registry-2:8081"))
                .isEqualTo("https://[redacted]@registry-1:8081,https://registry-2:8081");
    }
}
