package io.streamsuite.bench.baseline;

import java.util.HashMap;
import java.util.Map;

/**
 * The arguments of a baseline process, {@code key=value} each: {@code bootstrap.servers}, {@code input},
 * {@code output}, {@code group}, {@code guarantee}, {@code commit.interval.ms}, {@code offset.reset}. The orchestrator
 * writes them; a person running a baseline by hand types the same.
 */
record BaselineArgs(Map<String, String> values) {

    static BaselineArgs parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new BaselineArgs(values);
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing argument " + key + "=...");
        }
        return value;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    long commitIntervalMs() {
        return Long.parseLong(get("commit.interval.ms", "100"));
    }
}
