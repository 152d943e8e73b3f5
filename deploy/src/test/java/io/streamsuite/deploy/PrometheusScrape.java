package io.streamsuite.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in Prometheus' text format: for each sample name, the label sets of its series. */
final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    final Map<String, List<Map<String, String>>> series = new TreeMap<>();

    static PrometheusScrape parse(String text) {
        PrometheusScrape scrape = new PrometheusScrape();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            scrape.series.computeIfAbsent(sample.group(1), name -> new ArrayList<>()).add(labels);
        }
        return scrape;
    }

    void addAll(PrometheusScrape other) {
        other.series.forEach((name, sets) -> series.computeIfAbsent(name, n -> new ArrayList<>()).addAll(sets));
    }

    boolean has(String name) {
        return series.containsKey(name);
    }
}
