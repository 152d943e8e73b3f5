package io.streamsuite.topologies.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validated configuration of one app: every known {@link Setting} parsed, every key in a namespace the
 * suite owns checked against the known settings, everything else passed to Kafka verbatim.
 *
 * <p>Construction is the validation: an instance exists only for a configuration that is safe to start with.
 */
public final class AppConfig {

    /** The longest value the logged configuration shows, in characters. */
    private static final int LOGGED_VALUE = 500;

    private final Map<String, Setting<?>> settings;
    private final Map<String, Object> parsed = new LinkedHashMap<>();
    private final ConfigSources.Merged merged;
    private final List<String> ownedPrefixes;

    /**
     * @param merged        the merged sources
     * @param settings      every key the app and the runner know, each unique
     * @param ownedPrefixes namespaces owned by the suite ({@code fraud.}, {@code topic.}, ...): an unknown key
     *                      there is an error, since it can only be a typo
     * @throws InvalidConfigException naming the first problem found
     */
    public AppConfig(ConfigSources.Merged merged, Collection<Setting<?>> settings, Collection<String> ownedPrefixes) {
        this.merged = merged;
        this.ownedPrefixes = List.copyOf(ownedPrefixes);
        this.settings = new TreeMap<>();
        for (Setting<?> setting : settings) {
            if (this.settings.put(setting.key(), setting) != null) {
                throw new IllegalStateException("Setting declared twice: " + setting.key());
            }
        }
        rejectUnknownKeys();
        for (Setting<?> setting : this.settings.values()) {
            parsed.put(setting.key(), parse(setting));
        }
    }

    /** The parsed value of a setting (its default when no source set it). */
    public <T> T get(Setting<T> setting) {
        if (!settings.containsKey(setting.key())) {
            throw new IllegalArgumentException("Setting not declared to this config: " + setting.key());
        }
        @SuppressWarnings("unchecked")
        T value = (T) parsed.get(setting.key());
        return value;
    }

    /** The raw text a source gave for a key, or null; for keys that have no {@link Setting}. */
    public String raw(String key) {
        return merged.values().get(key);
    }

    /** Every merged key that belongs to Kafka (clients and Streams), ready for {@code StreamsConfig}. */
    public Map<String, Object> kafkaProperties() {
        Map<String, Object> result = new TreeMap<>();
        merged.values().forEach((key, value) -> {
            if (isKafkaKey(key)) {
                result.put(key, value);
            }
        });
        return result;
    }

    /** The effective configuration, one {@code key = value (origin)} line per key, secrets redacted. */
    public List<String> describe() {
        // escaped and cut: a value (from a file, the environment, a --set) can neither forge log lines nor fill the log
        Map<String, String> lines = new TreeMap<>();
        merged.values().forEach((key, value) ->
                lines.put(key, LogText.of(key) + " = " + LogText.of(Secrets.redact(key, value), LOGGED_VALUE) + " ("
                        + merged.origins().get(key) + ")"));
        settings.values().forEach(setting -> lines.computeIfAbsent(setting.key(),
                key -> key + " = " + Secrets.redact(key, setting.defaultText()) + " (default)"));
        return List.copyOf(lines.values());
    }

    /**
     * Keys outside the suite's namespaces are Kafka's. Inside them, a key Kafka defines exactly still is:
     * {@code rocksdb.config.setter} beside {@code rocksdb.memory.budget}, {@code topic.min.insync.replicas}
     * (for Streams' internal topics) beside {@code topic.<name>}.
     */
    private boolean isKafkaKey(String key) {
        return !isOwned(key) || KafkaKeys.isDefined(key);
    }

    private boolean isOwned(String key) {
        return ownedPrefixes.stream().anyMatch(key::startsWith);
    }

    private void rejectUnknownKeys() {
        for (String key : merged.values().keySet()) {
            if (isOwned(key) && !settings.containsKey(key) && !KafkaKeys.isDefined(key)) {
                String origin = merged.origins().get(key);
                String hint = closestKnownKey(key).map(k -> " (did you mean " + k + "?)").orElse("");
                throw new InvalidConfigException("Unknown key '" + LogText.of(key, 100) + "' set by " + origin + hint
                        + ": not a setting of this app; --help lists them");
            }
        }
    }

    private Object parse(Setting<?> setting) {
        String raw = merged.values().get(setting.key());
        if (raw == null) {
            if (setting.required()) {
                throw new InvalidConfigException("Missing required key " + setting.key() + ": set it in the properties file, as "
                        + ConfigSources.environmentName(setting.key()) + " or with --set " + setting.key() + "=...");
            }
            return setting.defaultValue();
        }
        // a secret of the suite's own (http.auth.token) may come from a file or variable like Kafka's secrets do
        return setting.parse(Secrets.isSecret(setting.key()) ? ConfigProviderReferences.resolve(setting.key(), raw, merged.values()) : raw);
    }

    private Optional<String> closestKnownKey(String key) {
        return settings.keySet().stream()
                .filter(known -> editDistance(known, key) <= 3)
                .min(Comparator.comparingInt(known -> editDistance(known, key)));
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
