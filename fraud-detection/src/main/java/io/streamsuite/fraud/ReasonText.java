package io.streamsuite.fraud;

import java.time.Duration;
import java.util.Locale;

/** Number and duration formats for alert reasons, fixed to one locale so that alerts read the same everywhere. */
final class ReasonText {

    private ReasonText() {
    }

    /** A money amount with two decimals: {@code 1200.00}. */
    static String amount(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    /** A ratio with one decimal: {@code 8.0}. */
    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.1f", ratio);
    }

    /** A configured limit as written: {@code 900}, {@code 2.5}. */
    static String limit(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    /**
     * A configured window in the largest unit that states it exactly, preferring {@code 60s} to {@code 1m} as
     * people write them: {@code 60s}, {@code 10m}, {@code 90s}, {@code 2h}, {@code 250ms}.
     */
    static String window(Duration window) {
        long millis = EventTimes.millis(window);
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0 && millis / units[i] > 1) {
                return millis / units[i] + names[i];
            }
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Time between two events, as a person would say it: {@code 40 min}, {@code 45 s}, {@code 3 h 5 min}. */
    static String elapsed(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return minutes % 60 == 0 ? hours + " h" : hours + " h " + minutes % 60 + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }
}
