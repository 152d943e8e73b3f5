package io.streamsuite.topologies.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to Kafka config providers, {@code ${provider:[path:]key}} (KIP-297), such as
 * {@code ${file:/etc/kafka/secrets.properties:keystore.password}}, {@code ${dir:/etc/kafka-secrets:password}} or
 * {@code ${env:KAFKA_TRUSTSTORE_PASSWORD}}. Kafka resolves them itself when it parses the configuration; this class
 * only tells a value that is a reference from one that is not, and catches what Kafka leaves unresolved.
 */
public final class ConfigProviderReferences {

    /** Kafka's own pattern for a variable (ConfigTransformer). */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)}");
    private static final String PROVIDERS = "config.providers";

    private ConfigProviderReferences() {
    }

    /** True when the whole value is one reference: it names where a secret is, it does not hold one. */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.trim()).matches();
    }

    /**
     * Kafka leaves a reference in place, silently, when its provider is not configured or has no value for it (an
     * environment variable not set, a key missing from a file); a client would then use the text {@code ${env:...}}
     * as a password and fail later with a misleading TLS or SASL error. This names the key and the reference instead.
     *
     * @param raw      the configuration as given, before Kafka resolved it
     * @param resolved the same keys after Kafka resolved them ({@code AbstractConfig.originals()})
     * @throws InvalidConfigException for the first key that still holds a reference
     */
    public static void requireResolved(Map<?, ?> raw, Map<String, ?> resolved) {
        List<String> providers = configuredProviders(raw.get(PROVIDERS));
        raw.keySet().stream().map(Object::toString).filter(key -> !key.startsWith(PROVIDERS)).sorted().forEach(key -> {
            Object value = resolved.get(key);
            Matcher reference = value instanceof String text ? REFERENCE.matcher(text) : null;
            if (reference == null || !reference.find()) {
                return;
            }
            String provider = reference.group(1);
            String why = providers.contains(provider)
                    ? "config provider '" + provider + "' found no value for it"
                    : "no config provider '" + provider + "' is configured (" + PROVIDERS + "=" + String.join(",", providers) + ")";
            throw new InvalidConfigException("Unresolved reference " + reference.group() + " in " + key + ": " + why);
        });
    }

    /**
     * The value of one of the suite's own keys with its references resolved by the same providers and the same code
     * as Kafka's keys ({@code config.providers*} of the configuration): Kafka resolves only what it is given, and the
     * suite's keys (such as {@code http.auth.token}) never go to Kafka.
     *
     * @param all the whole configuration, for its {@code config.providers*} keys
     * @throws InvalidConfigException in one line naming the key if a provider fails or leaves the reference unresolved
     */
    public static String resolve(String key, String value, Map<String, String> all) {
        if (value == null || !REFERENCE.matcher(value).find()) {
            return value;
        }
        Map<String, Object> props = new HashMap<>();
        all.forEach((name, text) -> {
            if (name.startsWith(PROVIDERS)) {
                props.put(name, text);
            }
        });
        props.put(key, value);
        try {
            Map<String, Object> resolved = new AbstractConfig(new ConfigDef(), props, false).originals();
            requireResolved(props, resolved);
            return (String) resolved.get(key);
        } catch (ConfigException e) {
            throw new InvalidConfigException("Cannot resolve " + key + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> configuredProviders(Object value) {
        if (value == null || value.toString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
