package io.streamsuite.dashboard;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The serdes the feed reads the apps' topics with: the apps' own, in the format the apps write ({@code serde.format}),
 * with the same registry keys. The dashboard only reads, so it never registers a schema.
 */
final class FeedEncoding {

    private FeedEncoding() {
    }

    /** @throws InvalidConfigException for {@code serde.format=avro} without a registry, or credentials missing */
    static EventSerdes from(AppConfig config) {
        return switch (SerdeFormat.of(config.get(CommonSettings.SERDE_FORMAT))) {
            case JSON -> EventSerdes.json();
            case AVRO_SINGLE_OBJECT -> EventSerdes.avroSingleObject();
            case AVRO -> EventSerdes.avro(registry(config));
        };
    }

    private static RegistryConfig registry(AppConfig config) {
        List<URI> urls = config.get(CommonSettings.SCHEMA_REGISTRY_URL).orElseThrow(() -> new InvalidConfigException(
                "Missing required key schema.registry.url: serde.format=avro reads the apps' outputs through their schema"
                        + " registry; set it in the properties file, as STREAMS_SCHEMA_REGISTRY_URL or with --set"));
        Optional<String> userInfo = Optional.empty();
        if (config.get(CommonSettings.BASIC_AUTH_CREDENTIALS_SOURCE).equals("USER_INFO")) {
            userInfo = Optional.of(config.get(CommonSettings.BASIC_AUTH_USER_INFO).orElseThrow(() -> new InvalidConfigException(
                    "Missing required key basic.auth.user.info: basic.auth.credentials.source=USER_INFO needs user:password")));
        }
        return new RegistryConfig(urls, userInfo, false, false, RegistryConfig.DEFAULT_REQUEST_TIMEOUT);
    }
}
