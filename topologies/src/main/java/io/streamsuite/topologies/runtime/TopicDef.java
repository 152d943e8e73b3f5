package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.config.LogText;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.serde.TopicNames;
import java.util.Objects;

/**
 * A topic an app reads or writes, by its contract name. The actual name comes from the setting
 * {@code topic.<name>} (default: the contract name), so deployments can rename topics without code changes.
 *
 * <p>For an {@link #input(String, String) input} the setting may also be a comma-separated list of topic names or a
 * regular expression (see {@link TopicNames} for the rule), read as one stream by
 * {@link io.streamsuite.topologies.serde.TopicSpec#stream}. Table and output topics take exactly one topic name.
 *
 * @param name      the contract name, e.g. {@code transactions}
 * @param input     whether the app consumes it (an input is what a reset rewinds)
 * @param compacted whether it is a changelog-like table topic ({@code cleanup.policy=compact})
 * @param doc       what flows through it, for the README and {@code --help}
 */
public record TopicDef(String name, boolean input, boolean compacted, String doc) {

    public TopicDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
    }

    /** An event stream the app consumes: one topic, several, or all those matching a pattern. */
    public static TopicDef input(String name, String doc) {
        return new TopicDef(name, true, false, doc);
    }

    /** A compacted topic the app reads as a table (reference data, rules, registries). */
    public static TopicDef table(String name, String doc) {
        return new TopicDef(name, true, true, doc);
    }

    /** A topic the app produces to. */
    public static TopicDef output(String name, String doc) {
        return new TopicDef(name, false, false, doc);
    }

    /** Whether {@code topic.<name>} may be a list of topics or a pattern: only for event streams the app consumes. */
    public boolean acceptsSeveralTopics() {
        return input && !compacted;
    }

    /**
     * The setting that names this topic. Its value is the text as configured (trimmed), checked at load: one legal
     * topic name, or for an input also a list or a pattern; {@link #topics} interprets it.
     */
    public Setting<String> nameSetting() {
        String key = "topic." + name;
        if (acceptsSeveralTopics()) {
            return new Setting<>(key, name, "Name of the " + name + " topic (" + doc + "); or a comma-separated list of names,"
                    + " or a regular expression, read as one stream.",
                    "a topic name, a comma-separated list of names or a regular expression", raw -> {
                        if (raw.isEmpty()) {
                            throw new IllegalArgumentException("blank");
                        }
                        try {
                            TopicNames.parse(raw);
                        } catch (IllegalArgumentException e) {
                            throw invalid(key, raw, e.getMessage(), e);
                        }
                        return raw;
                    });
        }
        return new Setting<>(key, name, "Name of the " + name + " topic (" + doc + ").", "a topic name", raw -> {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("blank");
            }
            if (!TopicNames.isLegalName(raw)) {
                boolean severalOrPattern = raw.contains(",") || !raw.matches("[a-zA-Z0-9._-]*");
                throw invalid(key, raw, severalOrPattern
                        ? "expected one topic name of letters, digits, '.', '_' and '-' (a list or a pattern is allowed"
                        + " for input topics only)"
                        : "not a topic name (1 to " + TopicNames.MAX_NAME_LENGTH + " characters, not '.' or '..')", null);
            }
            return raw;
        });
    }

    /**
     * The topics a configured value of {@link #nameSetting()} stands for.
     *
     * @throws InvalidConfigException if the value is not allowed for this kind of topic
     */
    public TopicNames topics(String configured) {
        return TopicNames.parse(nameSetting().parse(configured));
    }

    private static InvalidConfigException invalid(String key, String value, String reason, Throwable cause) {
        return new InvalidConfigException("Invalid value '" + LogText.of(value, 100) + "' for " + key + ": " + reason, cause);
    }
}
