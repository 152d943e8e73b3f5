package io.streamsuite.topologies.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Merges the four configuration sources in their documented precedence, lowest first:
 * built-in defaults, the properties file, {@code STREAMS_*} environment variables, {@code --set key=value}.
 *
 * <p>This is the one place the precedence is written down; it also records where each value came from,
 * so the effective configuration can be logged with its origin.
 */
public final class ConfigSources {

    /** Environment variables with this prefix are configuration keys. */
    public static final String ENV_PREFIX = "STREAMS_";

    private ConfigSources() {
    }

    /** The merged key/value pairs and, for each key, the source that set it. */
    public record Merged(Map<String, String> values, Map<String, String> origins) {
        public Merged {
            values = Map.copyOf(values);
            origins = Map.copyOf(origins);
        }
    }

    /**
     * @param defaults built-in defaults of the runner and the app
     * @param file     the properties file (must exist and be readable)
     * @param env      the process environment; only {@code STREAMS_*} variables are read
     * @param sets     the {@code key=value} arguments of {@code --set}, in command-line order
     * @throws InvalidConfigException if the file cannot be read or a {@code --set} has no {@code =}
     */
    public static Merged merge(Map<String, String> defaults, Path file, Map<String, String> env, List<String> sets) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        put(values, origins, defaults, "default");
        put(values, origins, readFile(file), "file");
        put(values, origins, fromEnvironment(env), "env");
        put(values, origins, fromSetArguments(sets), "--set");
        return new Merged(values, origins);
    }

    /** {@code fraud.velocity.max-count} becomes {@code STREAMS_FRAUD_VELOCITY_MAX__COUNT}. */
    public static String environmentName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace("-", "__").replace(".", "_");
    }

    /** The inverse of {@link #environmentName}: {@code __} is a dash, a single {@code _} a dot. */
    public static String keyOf(String environmentName) {
        String rest = environmentName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        return rest.replace("__", "\u0000").replace('_', '.').replace('\u0000', '-');
    }

    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> result = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                result.put(keyOf(name), value);
            }
        });
        return result;
    }

    static Map<String, String> fromSetArguments(List<String> sets) {
        Map<String, String> result = new TreeMap<>();
        for (String assignment : sets) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigException(
                        "Invalid --set '" + assignment + "': expected key=value, e.g. --set bootstrap.servers=localhost:9092");
            }
            result.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return result;
    }

    static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException("Cannot read config file " + file + ": " + describe(e), e);
        }
        Map<String, String> result = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> result.put(name.trim(), properties.getProperty(name).trim()));
        return result;
    }

    private static String describe(Exception e) {
        String type = e.getClass().getSimpleName();
        return switch (type) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            case "MalformedInputException" -> "not UTF-8 text";
            default -> e.getMessage() == null ? type : e.getMessage();
        };
    }

    private static void put(Map<String, String> values, Map<String, String> origins, Map<String, String> layer, String origin) {
        layer.forEach((key, value) -> {
            values.put(key, value);
            origins.put(key, origin);
        });
    }
}
