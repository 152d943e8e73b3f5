package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The event serdes the settings ask for; the keys that only make sense together are checked together here. */
public final class EventEncoding {

    private EventEncoding() {
    }

    /**
     * @throws InvalidConfigException for {@code serde.format=avro} without {@code schema.registry.url}, or
     *                                {@code basic.auth.credentials.source=USER_INFO} without {@code basic.auth.user.info}
     */
    public static EventSerdes from(AppConfig config) {
        return from(config, () -> registryConfig(config).withAutoRegister(config.get(CommonSettings.AUTO_REGISTER_SCHEMAS))
                .withUseLatestVersion(config.get(CommonSettings.USE_LATEST_VERSION))
                .withOutageWait(config.get(CommonSettings.SCHEMA_REGISTRY_OUTAGE_WAIT)));
    }

    /**
     * For a process that only reads the apps' topics (the dashboard): the same keys, but it never registers a schema,
     * so it declares neither {@code auto.register.schemas} nor {@code use.latest.version}, and it has no stream thread
     * to keep alive, so no {@code schema.registry.outage.wait} either.
     */
    public static EventSerdes forReading(AppConfig config) {
        return from(config, () -> registryConfig(config));
    }

    private static EventSerdes from(AppConfig config, Supplier<RegistryConfig> registry) {
        SerdeFormat format = SerdeFormat.of(config.get(CommonSettings.SERDE_FORMAT));
        return switch (format) {
            case JSON -> EventSerdes.json();
            case AVRO_SINGLE_OBJECT -> EventSerdes.avroSingleObject();
            case AVRO -> EventSerdes.avro(registry.get());
        };
    }

    /** The registry's address and credentials; registering nothing, and writing with the app's own schemas. */
    private static RegistryConfig registryConfig(AppConfig config) {
        List<URI> urls = config.get(CommonSettings.SCHEMA_REGISTRY_URL).orElseThrow(() -> missing(
                CommonSettings.SCHEMA_REGISTRY_URL.key(), "serde.format=avro needs a Confluent-compatible schema registry"));
        Optional<String> userInfo = Optional.empty();
        if (config.get(CommonSettings.BASIC_AUTH_CREDENTIALS_SOURCE).equals("USER_INFO")) {
            userInfo = Optional.of(config.get(CommonSettings.BASIC_AUTH_USER_INFO).orElseThrow(() -> missing(
                    CommonSettings.BASIC_AUTH_USER_INFO.key(), "basic.auth.credentials.source=USER_INFO needs user:password")));
        }
        return new RegistryConfig(urls, userInfo, false, false, RegistryConfig.DEFAULT_REQUEST_TIMEOUT, Duration.ZERO);
    }

    private static InvalidConfigException missing(String key, String why) {
        return new InvalidConfigException("Missing required key " + key + ": " + why + "; set it in the properties file, as "
                + ConfigSources.environmentName(key) + " or with --set " + key + "=...");
    }
}
