package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the suite has found since the summary started, folded from the records of its output topics: the few
 * figures a person watching the local run wants, not a dashboard. Plain Java, fed one record at a time.
 */
public final class SuiteSummary {

    /** The output topics the summary reads, with the contract's names. */
    public static final List<String> OUTPUTS = List.of("fraud-alerts", "clickstream-sessions", "clickstream-top-pages",
            "clickstream-bot-alerts", "iot-alerts", "iot-device-stats");
    /** The input topics whose growth the summary shows. */
    public static final List<String> INPUTS = List.of("transactions", "clickstream-events", "iot-readings");
    /** The apps' dead-letter topics with their default application ids. */
    public static final List<String> DEAD_LETTERS = List.of("fraud-detection-dlq", "clickstream-dlq",
            "iot-monitoring-dlq");

    private final Map<String, Long> fraudByRule = new TreeMap<>();
    private long fraudAlerts;
    private long sessions;
    private long converted;
    private long botAlerts;
    private JsonNode topPages;
    private final Map<String, Long> iotByType = new TreeMap<>();
    private final Set<String> offline = new TreeSet<>();
    private long stats;

    /** Takes one record of one of {@link #OUTPUTS}. */
    public void add(String topic, JsonNode value) {
        if (value == null) {
            return;
        }
        switch (topic) {
            case "fraud-alerts" -> {
                fraudAlerts++;
                value.path("rules").forEach(rule -> fraudByRule.merge(rule.asText(), 1L, Long::sum));
            }
            case "clickstream-sessions" -> {
                sessions++;
                if (value.path("converted").asBoolean()) {
                    converted++;
                }
            }
            case "clickstream-top-pages" -> {
                if (topPages == null || value.path("windowStart").asLong() >= topPages.path("windowStart").asLong()) {
                    topPages = value;
                }
            }
            case "clickstream-bot-alerts" -> botAlerts++;
            case "iot-alerts" -> {
                String type = value.path("type").asText();
                iotByType.merge(type, 1L, Long::sum);
                if (type.equals("DEVICE_OFFLINE")) {
                    offline.add(value.path("deviceId").asText());
                } else if (type.equals("DEVICE_ONLINE")) {
                    offline.remove(value.path("deviceId").asText());
                }
            }
            case "iot-device-stats" -> stats++;
            default -> {
                // not an output the summary knows: nothing to fold
            }
        }
    }

    /**
     * The summary as a few lines.
     *
     * @param inputs      records added to each of {@link #INPUTS} since the start
     * @param deadLetters records added to each of {@link #DEAD_LETTERS} since the start
     */
    public List<String> render(Map<String, Long> inputs, Map<String, Long> deadLetters) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("in      %,d transactions · %,d click events · %,d readings    dead letters: %,d",
                inputs.getOrDefault("transactions", 0L), inputs.getOrDefault("clickstream-events", 0L),
                inputs.getOrDefault("iot-readings", 0L),
                deadLetters.values().stream().mapToLong(Long::longValue).sum()));
        lines.add(String.format("fraud   %,d alerts%s", fraudAlerts, counts(fraudByRule)));
        lines.add(String.format("clicks  %,d sessions (%s converted) · %,d bot alerts · top pages: %s", sessions,
                sessions == 0 ? "-" : Math.round(100.0 * converted / sessions) + "%", botAlerts, topPages()));
        lines.add(String.format("iot     %,d window stats%s · offline now: %s", stats, counts(iotByType),
                offline.isEmpty() ? "none" : String.join(", ", offline)));
        return lines;
    }

    private String topPages() {
        if (topPages == null) {
            return "(first minute not closed yet)";
        }
        List<String> pages = new ArrayList<>();
        for (JsonNode page : topPages.path("pages")) {
            if (pages.size() == 3) {
                break;
            }
            pages.add(page.path("url").asText() + " (" + page.path("views").asLong() + ")");
        }
        return String.join(", ", pages);
    }

    private static String counts(Map<String, Long> byName) {
        if (byName.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byName.forEach((name, count) -> parts.add(name + " " + count));
        return ": " + String.join(" · ", parts);
    }
}
