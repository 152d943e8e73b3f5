package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How well the apps found what the generators injected: per rule or alert type, how many findings were expected,
 * made, and right, with precision and recall. A finding is one thing a rule can flag: a transaction (fraud), a user
 * (clickstream bots), a reading or a silence (IoT). Plain Java, fed the ground truth and the alerts.
 */
public final class DetectionScore {

    /** The counts of one rule or type. */
    public record Row(String domain, String kind, int expected, int alerted, int correct) {

        public double precision() {
            return alerted == 0 ? (expected == 0 ? 1.0 : 0.0) : (double) correct / alerted;
        }

        public double recall() {
            return expected == 0 ? 1.0 : (double) correct / expected;
        }
    }

    private final Map<String, Set<String>> expected = new TreeMap<>();
    private final Map<String, Set<String>> alerted = new TreeMap<>();

    /** Takes one ground-truth line. */
    public void expect(JsonNode truth) {
        String domain = truth.path("domain").asText();
        switch (domain) {
            case "fraud" -> truth.path("rules").forEach(rule ->
                    add(expected, "fraud", rule.asText(), truth.path("transactionId").asText()));
            case "clickstream" -> add(expected, "clickstream", "BOT", truth.path("userId").asText());
            case "iot" -> {
                String type = truth.path("type").asText();
                if (type.equals("DEVICE_ONLINE")) {
                    return; // scored with its silence, see alert()
                }
                long time = truth.hasNonNull("lastSeen") ? truth.path("lastSeen").asLong()
                        : truth.path("eventTime").asLong();
                add(expected, "iot", type, iotFinding(truth.path("deviceId").asText(),
                        truth.path("sensorType").asText(""), time));
            }
            default -> throw new IllegalArgumentException("unknown domain '" + domain + "' in ground truth " + truth);
        }
    }

    /** Takes one record of {@code fraud-alerts}, {@code clickstream-bot-alerts} or {@code iot-alerts}. */
    public void alert(String topic, JsonNode alert) {
        switch (topic) {
            case "fraud-alerts" -> alert.path("rules").forEach(rule ->
                    add(alerted, "fraud", rule.asText(), alert.path("transactionId").asText()));
            case "clickstream-bot-alerts" -> add(alerted, "clickstream", "BOT", alert.path("userId").asText());
            case "iot-alerts" -> {
                String type = alert.path("type").asText();
                if (type.equals("DEVICE_ONLINE")) {
                    return; // the end of a silence, not a finding of its own
                }
                // a silence is identified by the last reading before it; a reading by its time
                long time = type.equals("DEVICE_OFFLINE") ? alert.path("lastSeen").asLong()
                        : alert.path("eventTime").asLong();
                add(alerted, "iot", type, iotFinding(alert.path("deviceId").asText(),
                        alert.path("sensorType").asText(""), time));
            }
            default -> throw new IllegalArgumentException("not an alert topic: " + topic);
        }
    }

    /** One row per domain and rule or type that was expected or alerted, in name order. */
    public List<Row> rows() {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(alerted.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            Set<String> want = expected.getOrDefault(key, Set.of());
            Set<String> got = alerted.getOrDefault(key, Set.of());
            Set<String> right = new HashSet<>(want);
            right.retainAll(got);
            String[] parts = key.split("/", 2);
            rows.add(new Row(parts[0], parts[1], want.size(), got.size(), right.size()));
        }
        return rows;
    }

    /** Whether every expected finding was made and nothing else was alerted. */
    public boolean perfect() {
        return rows().stream().allMatch(row -> row.correct() == row.expected() && row.correct() == row.alerted());
    }

    /** The table as text. */
    public List<String> render() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-12s %-22s %9s %8s %8s %10s %7s", "domain", "rule / type", "expected", "alerted",
                "correct", "precision", "recall"));
        for (Row row : rows()) {
            lines.add(String.format("%-12s %-22s %9d %8d %8d %10.2f %7.2f", row.domain(), row.kind(), row.expected(),
                    row.alerted(), row.correct(), row.precision(), row.recall()));
        }
        lines.add(perfect() ? "Every injected case was found, and nothing else." : "Not perfect: see the rows above.");
        return lines;
    }

    private static String iotFinding(String deviceId, String sensorType, long time) {
        return deviceId + "/" + sensorType + "/" + time;
    }

    private static void add(Map<String, Set<String>> findings, String domain, String kind, String id) {
        findings.computeIfAbsent(domain + "/" + kind, k -> new HashSet<>()).add(id);
    }
}
