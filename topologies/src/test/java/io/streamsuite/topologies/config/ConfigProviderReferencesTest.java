package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigProviderReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"${env:KAFKA_PASSWORD}", "${file:/etc/kafka/secrets.properties:keystore.password}",
            "${dir:/etc/kafka-secrets:sasl.jaas.config}", " ${env:X} "})
    void aValueThatIsOneReferenceIsAReference(String value) {
        assertThat(ConfigProviderReferences.isReference(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hunter2", "${env:X}${env:Y}", "prefix ${env:X}", "ScramLoginModule required password=\"${env:PW}\";",
            "${no-colon}", ""})
    void anythingElseIsNot(String value) {
        assertThat(ConfigProviderReferences.isReference(value)).isFalse();
    }

    @Test
    void resolvedReferencesPass() {
        Map<String, String> raw = Map.of("config.providers", "env", "ssl.truststore.password", "${env:TRUST}");
        assertThatCode(() -> ConfigProviderReferences.requireResolved(raw, Map.of("ssl.truststore.password", "s3cret")))
                .doesNotThrowAnyException();
    }

    @Test
    void aReferenceItsProviderCouldNotResolveStopsTheApp() {
        Map<String, String> raw = Map.of("config.providers", "file, env", "ssl.truststore.password", "${env:TRUST}",
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThatThrownBy(() -> ConfigProviderReferences.requireResolved(raw, raw))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unresolved reference ${env:TRUST} in ssl.truststore.password: config provider 'env' found no value for it");
    }

    @Test
    void aReferenceToAProviderNotConfiguredStopsTheApp() {
        Map<String, String> raw = Map.of("config.providers", "file", "sasl.jaas.config", "${dir:/etc/secrets:sasl.jaas.config}");
        assertThatThrownBy(() -> ConfigProviderReferences.requireResolved(raw, raw))
                .hasMessage("Unresolved reference ${dir:/etc/secrets:sasl.jaas.config} in sasl.jaas.config: "
                        + "no config provider 'dir' is configured (config.providers=file)");
    }

    @Test
    void anUnresolvedReferenceInsideAJaasLineNamesTheReferenceOnly() {
        Map<String, String> raw = Map.of("sasl.jaas.config", "ScramLoginModule required username=\"app\" password=\"${env:PW}\";");
        assertThatThrownBy(() -> ConfigProviderReferences.requireResolved(raw, raw))
                .hasMessage("Unresolved reference ${env:PW} in sasl.jaas.config: no config provider 'env' is configured (config.providers=)");
    }
}
