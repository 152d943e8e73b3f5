package io.streamsuite.dashboard;

import io.streamsuite.fraud.FraudAlert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The fraud panel: the latest alerts and how many each rule raised per minute of event time. */
final class FraudPanel {

    /** What the page shows; {@code perRule} holds one count per entry of {@code minutes}. */
    record View(long total, List<FraudAlert> latest, List<Long> minutes, Map<String, List<Integer>> perRule) {
    }

    private final int feedSize;
    private final int minutesShown;
    private final Deque<FraudAlert> latest = new ArrayDeque<>();
    private final TreeMap<Long, Map<String, Integer>> perMinute = new TreeMap<>();
    private long total;

    FraudPanel(int feedSize, int minutesShown) {
        this.feedSize = feedSize;
        this.minutesShown = minutesShown;
    }

    synchronized void add(FraudAlert alert) {
        total++;
        latest.addFirst(alert);
        if (latest.size() > feedSize) {
            latest.removeLast();
        }
        Map<String, Integer> counts = perMinute.computeIfAbsent(Minutes.of(alert.eventTime()), minute -> new TreeMap<>());
        alert.rules().forEach(rule -> counts.merge(rule, 1, Integer::sum));
        Minutes.keepLast(perMinute, minutesShown);
    }

    synchronized View view() {
        List<Long> minutes = Minutes.range(perMinute, minutesShown);
        TreeSet<String> rules = new TreeSet<>();
        perMinute.values().forEach(counts -> rules.addAll(counts.keySet()));
        Map<String, List<Integer>> perRule = new LinkedHashMap<>();
        for (String rule : rules) {
            List<Integer> counts = new ArrayList<>(minutes.size());
            minutes.forEach(minute -> counts.add(perMinute.getOrDefault(minute, Map.of()).getOrDefault(rule, 0)));
            perRule.put(rule, counts);
        }
        return new View(total, List.copyOf(latest), minutes, perRule);
    }
}
