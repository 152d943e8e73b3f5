package io.streamsuite.bench.baseline;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

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

    /**
     * The consumer of both raw baselines: the group's own commits, from {@code offset.reset} when it has none, and the
     * {@code max.poll.records} Streams sets for its consumers, so that the baselines fetch the way the apps do.
     */
    Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, get("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, get("offset.reset", "earliest"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    }

    long commitIntervalMs() {
        return Long.parseLong(get("commit.interval.ms", "100"));
    }
}
