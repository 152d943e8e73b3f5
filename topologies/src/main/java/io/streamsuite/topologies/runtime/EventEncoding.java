package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The event serdes the settings ask for; the keys that only make sense together are checked together here. */
final class EventEncoding {

    private EventEncoding() {
    }

    /**
     * @throws InvalidConfigException for {@code serde.format=avro} without {@code schema.registry.url}, or
     *                                {@code basic.auth.credentials.source=USER_INFO} without {@code basic.auth.user.info}
     */
    static EventSerdes from(AppConfig config) {
        SerdeFormat format = SerdeFormat.of(config.get(CommonSettings.SERDE_FORMAT));
        return switch (format) {
            case JSON -> EventSerdes.json();
            case AVRO_SINGLE_OBJECT -> EventSerdes.avroSingleObject();
            case AVRO -> EventSerdes.avro(registryConfig(config));
        };
    }

    private static RegistryConfig registryConfig(AppConfig config) {
        List<URI> urls = config.get(CommonSettings.SCHEMA_REGISTRY_URL).orElseThrow(() -> missing(
                CommonSettings.SCHEMA_REGISTRY_URL.key(), "serde.format=avro needs a Confluent-compatible schema registry"));
        Optional<String> userInfo = Optional.empty();
        if (config.get(CommonSettings.BASIC_AUTH_CREDENTIALS_SOURCE).equals("USER_INFO")) {
            userInfo = Optional.of(config.get(CommonSettings.BASIC_AUTH_USER_INFO).orElseThrow(() -> missing(
                    CommonSettings.BASIC_AUTH_USER_INFO.key(), "basic.auth.credentials.source=USER_INFO needs user:password")));
        }
        return new RegistryConfig(urls, userInfo, config.get(CommonSettings.AUTO_REGISTER_SCHEMAS),
                config.get(CommonSettings.USE_LATEST_VERSION), RegistryConfig.DEFAULT_REQUEST_TIMEOUT);
    }

    private static InvalidConfigException missing(String key, String why) {
        return new InvalidConfigException("Missing required key " + key + ": " + why + "; set it in the properties file, as "
                + ConfigSources.environmentName(key) + " or with --set " + key + "=...");
    }
}
