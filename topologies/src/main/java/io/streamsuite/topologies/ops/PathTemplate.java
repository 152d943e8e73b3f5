package io.streamsuite.topologies.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path: literal segments and {@code {name}} segments that match any one non-empty segment, e.g.
 * {@code /cards/{cardId}}. A value may contain any character, percent-encoded; {@code %2F} stays inside its segment.
 */
final class PathTemplate {

    private final String text;
    private final List<String> segments;

    private PathTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException unless {@code text} starts with {@code /} and every name is non-empty */
    static PathTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /: " + text);
        }
        List<String> segments = split(text);
        for (String segment : segments) {
            if (isVariable(segment) && segment.length() == 2) {
                throw new IllegalArgumentException("empty {} in " + text);
            }
        }
        return new PathTemplate(text, segments);
    }

    /** Whether it has no {@code {name}} segment: such a route is tried before the ones that have. */
    boolean isLiteral() {
        return segments.stream().noneMatch(PathTemplate::isVariable);
    }

    /**
     * The decoded values of the named segments if the raw (percent-encoded) path matches.
     *
     * @throws IllegalArgumentException if a segment is not valid percent-encoding
     */
    Optional<Map<String, String>> match(String rawPath) {
        List<String> actual = split(rawPath);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String wanted = segments.get(i);
            String value = decode(actual.get(i));
            if (isVariable(wanted)) {
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                values.put(wanted.substring(1, wanted.length() - 1), value);
            } else if (!wanted.equals(value)) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Percent-decoding of a path segment, where {@code +} is a plus and not a space as in a query string. */
    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>(List.of(path.split("/", -1)));
        parts.remove(0); // before the leading slash
        return parts;
    }
}
