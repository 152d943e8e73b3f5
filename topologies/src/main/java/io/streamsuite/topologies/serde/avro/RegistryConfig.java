package io.streamsuite.topologies.serde.avro;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the schema registry and how to use it, with the key names Confluent's serializers use.
 *
 * @param urls             one or more base URLs of the same registry cluster, tried in order until one answers
 *                         ({@code schema.registry.url}); Apicurio's ccompat API is a base URL like any other
 * @param userInfo         {@code user:password} for HTTP basic authentication, if any ({@code basic.auth.user.info},
 *                         or the user info of a URL with {@code basic.auth.credentials.source=URL})
 * @param autoRegister     register the app's output schemas under their subjects when missing
 *                         ({@code auto.register.schemas}); when false they must be registered already
 * @param useLatestVersion write outputs with the subject's latest schema rather than the app's own
 *                         ({@code use.latest.version}); the app's records are converted to it
 * @param requestTimeout   how long one request to one URL may take
 * @param outageWait       how long reading a record's schema waits for an unreachable registry before it gives up
 *                         ({@code schema.registry.outage.wait}); zero gives up at once
 */
public record RegistryConfig(List<URI> urls, Optional<String> userInfo, boolean autoRegister, boolean useLatestVersion,
                             Duration requestTimeout, Duration outageWait) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RegistryConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL");
        }
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(outageWait, "outageWait");
    }

    /** One or more URLs, default behaviour: register missing schemas, write with the app's own. */
    public static RegistryConfig of(URI... urls) {
        return new RegistryConfig(List.of(urls), Optional.empty(), true, false, DEFAULT_REQUEST_TIMEOUT, Duration.ZERO);
    }

    public RegistryConfig withUserInfo(String userInfo) {
        return new RegistryConfig(urls, Optional.of(userInfo), autoRegister, useLatestVersion, requestTimeout, outageWait);
    }

    public RegistryConfig withAutoRegister(boolean autoRegister) {
        return new RegistryConfig(urls, userInfo, autoRegister, useLatestVersion, requestTimeout, outageWait);
    }

    public RegistryConfig withUseLatestVersion(boolean useLatestVersion) {
        return new RegistryConfig(urls, userInfo, autoRegister, useLatestVersion, requestTimeout, outageWait);
    }

    public RegistryConfig withRequestTimeout(Duration requestTimeout) {
        return new RegistryConfig(urls, userInfo, autoRegister, useLatestVersion, requestTimeout, outageWait);
    }

    public RegistryConfig withOutageWait(Duration outageWait) {
        return new RegistryConfig(urls, userInfo, autoRegister, useLatestVersion, requestTimeout, outageWait);
    }
}
