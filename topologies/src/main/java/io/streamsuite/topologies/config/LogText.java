package io.streamsuite.topologies.config;

/**
 * Values from outside (config values, record fields, exception messages) made safe to put into one log line or one
 * error message: control characters escaped, so that a value cannot forge a second log line, and cut to a bounded
 * length, so that one value cannot fill the log.
 */
public final class LogText {

    /** How many characters of a value a message shows by default. */
    public static final int DEFAULT_MAX = 200;

    private LogText() {
    }

    /** The value escaped and cut to {@link #DEFAULT_MAX} characters. */
    public static String of(String value) {
        return of(value, DEFAULT_MAX);
    }

    /**
     * The value with {@code \n}, {@code \r}, {@code \t} and other control characters written as escapes, cut to at most
     * {@code max} characters of the original (then followed by {@code ...(N chars)} giving the full length).
     */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length(), max);
        StringBuilder text = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        if (value.length() > max) {
            text.append("...(").append(value.length()).append(" chars)");
        }
        return text.toString();
    }
}
