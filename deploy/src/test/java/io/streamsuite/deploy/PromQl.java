package io.streamsuite.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and grouping labels of a PromQL expression, enough for the dashboard's queries: label matchers,
 * range selectors, strings and Grafana variables are removed first, then every identifier not followed by {@code (}
 * (a function or aggregation) and not a keyword is a metric name.
 */
final class PromQl {

    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String rest = strip(expression);
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < rest.length() && Character.isWhitespace(rest.charAt(after))) {
                after++;
            }
            boolean isCall = after < rest.length() && rest.charAt(after) == '(';
            if (!isCall && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** The labels of every {@code by (...)} in the expression. */
    static Set<String> groupingLabels(String expression) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher grouping = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(strip(expression));
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    /** The label names used in selectors, e.g. {@code area} in {@code jvm_memory_used_bytes{area="heap"}}. */
    static Set<String> matcherLabels(String expression) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher selector = Pattern.compile("\\{([^}]*)}").matcher(expression);
        while (selector.find()) {
            Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)").matcher(selector.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        return labels;
    }

    private static String strip(String expression) {
        return expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " ");
    }
}
