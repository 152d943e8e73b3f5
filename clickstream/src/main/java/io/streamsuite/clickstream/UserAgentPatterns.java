package io.streamsuite.clickstream;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The user-agent expressions of the bot rule, matched as {@link Pattern#CASE_INSENSITIVE} {@code find()} would match
 * them, but cheaply for the common case: an expression without regex syntax (all the defaults: {@code bot},
 * {@code crawl}, {@code curl/}, ...) is a plain substring search in the user agent lower-cased once, instead of a
 * case-insensitive regex scan of it per expression. Every event passes through here, and the profile of the
 * clickstream app showed those scans as its largest self time (see docs/benchmarks.md).
 */
public final class UserAgentPatterns {

    /**
     * Characters that give an expression regex meaning outside a character class or group (where -, =, ! and the
     * like would matter, a [ or ( comes first); an expression without any of them is a literal.
     */
    private static final String REGEX_SYNTAX = "\\.[]{}()*+?^$|";

    private final List<Pattern> patterns;
    /** Per pattern, its text in ASCII lower case if it is a literal, else null. */
    private final String[] literals;

    private UserAgentPatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.literals = new String[this.patterns.size()];
        for (int i = 0; i < literals.length; i++) {
            String expression = this.patterns.get(i).pattern();
            literals[i] = isAsciiLiteral(expression) ? asciiLowerCase(expression) : null;
        }
    }

    /** Compiles each expression once, case-insensitive. */
    public static UserAgentPatterns compile(List<String> expressions) {
        return new UserAgentPatterns(expressions.stream()
                .map(expression -> Pattern.compile(expression, Pattern.CASE_INSENSITIVE)).toList());
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    /** The first expression the user agent contains a match of, in the configured order. */
    public Optional<Pattern> firstMatch(String userAgent) {
        if (userAgent == null) {
            return Optional.empty();
        }
        String folded = null;
        for (int i = 0; i < literals.length; i++) {
            boolean found;
            if (literals[i] != null) {
                if (folded == null) {
                    folded = asciiLowerCase(userAgent);
                }
                found = folded.contains(literals[i]);
            } else {
                found = patterns.get(i).matcher(userAgent).find();
            }
            if (found) {
                return Optional.of(patterns.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean isAsciiLiteral(String expression) {
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c > 0x7f || REGEX_SYNTAX.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                return false;
            }
        }
        return !expression.isEmpty();
    }

    /**
     * A-Z to a-z and nothing else: exactly the folding of {@link Pattern#CASE_INSENSITIVE} without
     * {@code UNICODE_CASE}, so that a literal matches the same user agents as its regex would.
     */
    private static String asciiLowerCase(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserAgentPatterns that && patterns.stream().map(Pattern::pattern).toList()
                .equals(that.patterns.stream().map(Pattern::pattern).toList());
    }

    @Override
    public int hashCode() {
        return patterns.stream().map(Pattern::pattern).toList().hashCode();
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
