package io.streamsuite.topologies.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses memory sizes such as {@code 256MB}, {@code 1GiB} or a plain byte count; KB, MB and GB are binary (1024-based), as memory budgets usually are. */
public final class DataSizes {

    /** What the parser accepts, phrased for error messages. */
    public static final String FORMAT = "a byte count or a number with a unit B, KB, MB or GB (256MB)";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

    private DataSizes() {
    }

    /** @return the size in bytes */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit) {
            case "b" -> 0;
            case "kb", "kib" -> 10;
            case "mb", "mib" -> 20;
            default -> 30;
        };
        try {
            long amount = Long.parseLong(m.group(1));
            if (amount > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException("size out of range: " + text);
            }
            return amount << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size out of range: " + text);
        }
    }
}
