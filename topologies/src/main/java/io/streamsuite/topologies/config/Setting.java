package io.streamsuite.topologies.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One documented configuration key with its type, default and allowed values.
 *
 * <p>Parsing happens once at start-up; a bad value becomes an {@link InvalidConfigException} whose
 * single-line message names the key, the value and what is allowed.
 *
 * @param key          the property name, e.g. {@code fraud.velocity.max-count}
 * @param defaultValue the value when no source sets the key; {@code null} makes the key required
 * @param doc          one sentence for the README and {@code --help}
 * @param allowed      what a valid value looks like, for error messages
 * @param parser       turns the raw text into a value, throwing {@link IllegalArgumentException} if it cannot
 */
public record Setting<T>(String key, T defaultValue, String doc, String allowed, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(parser, "parser");
    }

    /** @return true when the key has no default and must be set by some source */
    public boolean required() {
        return defaultValue == null;
    }

    /** Parses a raw value, or explains in one line why it is not allowed. */
    public T parse(String raw) {
        try {
            T value = parser.apply(raw.trim());
            if (value == null) {
                throw new IllegalArgumentException("empty");
            }
            return value;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw InvalidConfigException.badValue(key, raw, allowed);
        }
    }

    /** A non-blank string. */
    public static Setting<String> string(String key, String defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "a non-empty string", raw -> {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("blank");
            }
            return raw;
        });
    }

    /** {@code true} or {@code false}, nothing else: a typo must not silently mean false. */
    public static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "true or false", raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(raw);
        });
    }

    /** A whole number within [min, max]. */
    public static Setting<Integer> integer(String key, Integer defaultValue, int min, int max, String doc) {
        String allowed = max == Integer.MAX_VALUE
                ? "a whole number >= " + min
                : "a whole number from " + min + " to " + max;
        return new Setting<>(key, defaultValue, doc, allowed, raw -> {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** A finite decimal number within [min, max]. */
    public static Setting<Double> decimal(String key, Double defaultValue, double min, double max, String doc) {
        String allowed = max == Double.MAX_VALUE
                ? "a number >= " + min
                : "a number from " + min + " to " + max;
        return new Setting<>(key, defaultValue, doc, allowed, raw -> {
            double value = Double.parseDouble(raw);
            if (!Double.isFinite(value) || value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        });
    }

    /** A strictly positive duration, e.g. a window size or a timeout. */
    public static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "a positive duration, " + Durations.FORMAT, raw -> {
            Duration value = Durations.parse(raw);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return value;
        });
    }

    /** A duration that may be zero, e.g. a grace period. */
    public static Setting<Duration> nonNegativeDuration(String key, Duration defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "a duration >= 0, " + Durations.FORMAT, raw -> {
            Duration value = Durations.parse(raw);
            if (value.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return value;
        });
    }

    /** A positive memory size in bytes, written as {@code 256MB} or a byte count. */
    public static Setting<Long> size(String key, Long defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "a positive size, " + DataSizes.FORMAT, raw -> {
            long value = DataSizes.parse(raw);
            if (value <= 0) {
                throw new IllegalArgumentException("not positive");
            }
            return value;
        });
    }

    /** One of a fixed set of words, compared case-sensitively as Kafka does. */
    public static Setting<String> oneOf(String key, String defaultValue, String doc, String... choices) {
        List<String> allowed = Arrays.asList(choices);
        return new Setting<>(key, defaultValue, doc, "one of " + String.join(", ", allowed), raw -> {
            if (!allowed.contains(raw)) {
                throw new IllegalArgumentException(raw);
            }
            return raw;
        });
    }

    /** A comma-separated list of non-blank items (an empty value is an empty list). */
    public static Setting<List<String>> list(String key, List<String> defaultValue, String doc) {
        return new Setting<>(key, defaultValue, doc, "a comma-separated list", raw -> raw.isBlank()
                ? List.of()
                : Arrays.stream(raw.split(",")).map(String::trim).peek(item -> {
                    if (item.isEmpty()) {
                        throw new IllegalArgumentException("empty item");
                    }
                }).toList());
    }

    /**
     * The same key, but optional: an empty value (or none at all) means "not set", for keys whose default is worked out
     * at start, such as this machine's host name. Empty rather than absent, so that a properties file can show the key
     * with its default ({@code #http.advertised.host=}).
     */
    public static <T> Setting<Optional<T>> optional(Setting<T> setting) {
        return new Setting<>(setting.key(), Optional.empty(), setting.doc(), setting.allowed() + ", or empty",
                raw -> raw.isEmpty() ? Optional.empty() : Optional.of(setting.parser().apply(raw)));
    }

    /** The text form of the default, for documentation and for logging the effective config. */
    public String defaultText() {
        if (defaultValue == null) {
            return "(required)";
        }
        if (defaultValue instanceof Duration d) {
            return d.toString();
        }
        if (defaultValue instanceof Optional<?> o) {
            return o.map(String::valueOf).orElse("");
        }
        if (defaultValue instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(defaultValue);
    }
}
