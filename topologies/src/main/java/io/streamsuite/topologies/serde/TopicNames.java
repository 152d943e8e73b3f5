package io.streamsuite.topologies.serde;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the value of an input's {@code topic.<name>} setting names: one or more topics, or a pattern.
 *
 * <p>The rule, in {@link #parse}: a value made only of characters legal in a Kafka topic name ({@code [a-zA-Z0-9._-]})
 * and commas is a comma-separated list of names (one name being a list of one; whitespace around the commas is
 * ignored). Any other character makes the whole value a Java regular expression, matched against whole topic names:
 * {@code clickstream-.*}, {@code clicks-(views|carts)}. A lone {@code .} does not make a pattern: {@code clicks.views}
 * is a topic name.
 */
public final class TopicNames {

    /** Kafka's limit on the length of a topic name. */
    public static final int MAX_NAME_LENGTH = 249;

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern LEGAL_OR_EMPTY = Pattern.compile("[a-zA-Z0-9._-]*");

    private final List<String> names;
    private final Pattern pattern;

    private TopicNames(List<String> names, Pattern pattern) {
        this.names = names;
        this.pattern = pattern;
    }

    /**
     * Parses a configured value by the rule above.
     *
     * @throws IllegalArgumentException with a one-line reason (without the value) for an empty value, an empty or
     *                                  duplicate entry of a list, an illegal name or an invalid regular expression
     */
    public static TopicNames parse(String value) {
        Objects.requireNonNull(value, "value");
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("expected a topic name, a comma-separated list of names or a regular expression");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : trimmed.split(",", -1)) {
            entries.add(entry.trim());
        }
        if (!entries.stream().allMatch(entry -> LEGAL_OR_EMPTY.matcher(entry).matches())) {
            try {
                return new TopicNames(List.of(), Pattern.compile(trimmed));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression (" + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "") + ")", e);
            }
        }
        if (entries.contains("")) {
            throw new IllegalArgumentException("empty entry in the list of topics");
        }
        return of(entries.toArray(String[]::new));
    }

    /**
     * Explicit topic names.
     *
     * @throws IllegalArgumentException unless there is at least one and each is a legal name, listed once
     */
    public static TopicNames of(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("no topic names");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            checkLegalName(name);
            if (!unique.add(name)) {
                throw new IllegalArgumentException("topic " + name + " is listed twice");
            }
        }
        return new TopicNames(List.copyOf(unique), null);
    }

    /** Every existing and future topic whose whole name matches. */
    public static TopicNames matching(Pattern pattern) {
        return new TopicNames(List.of(), Objects.requireNonNull(pattern, "pattern"));
    }

    /**
     * Whether a name is a legal Kafka topic name: 1 to 249 of {@code [a-zA-Z0-9._-]}, and neither {@code .} nor
     * {@code ..}.
     */
    public static boolean isLegalName(String name) {
        try {
            checkLegalName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkLegalName(String name) {
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a topic name (letters, digits, '.', '_' and '-' only)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a topic name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("topic name longer than " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** True for a regular expression, false for explicit names. */
    public boolean isPattern() {
        return pattern != null;
    }

    /** The explicit names in the configured order; empty for a pattern. */
    public List<String> names() {
        return names;
    }

    /** The regular expression; empty for explicit names. */
    public Optional<Pattern> pattern() {
        return Optional.ofNullable(pattern);
    }

    /** Whether a topic is one of the names, or its whole name matches the pattern. */
    public boolean matches(String topic) {
        return pattern != null ? pattern.matcher(topic).matches() : names.contains(topic);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicNames that && names.equals(that.names)
                && Objects.equals(pattern == null ? null : pattern.pattern(), that.pattern == null ? null : that.pattern.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, pattern == null ? null : pattern.pattern());
    }

    /** The names joined by commas, or the pattern's text; for messages and logs. */
    @Override
    public String toString() {
        return pattern != null ? pattern.pattern() : String.join(",", names);
    }
}
