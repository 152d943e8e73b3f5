package io.streamsuite.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Per-minute series: the charts show the last few minutes of event time, without gaps. */
final class Minutes {

    static final long MINUTE = 60_000;

    private Minutes() {
    }

    /** The start of the minute {@code time} falls in. */
    static long of(long time) {
        return Math.floorDiv(time, MINUTE) * MINUTE;
    }

    /** Forgets minutes more than {@code count} before the latest one. */
    static void keepLast(TreeMap<Long, ?> perMinute, int count) {
        if (!perMinute.isEmpty()) {
            perMinute.headMap(perMinute.lastKey() - (count - 1) * MINUTE).clear();
        }
    }

    /** Every minute from the earliest kept to the latest, at most {@code count}, those without data included. */
    static List<Long> range(TreeMap<Long, ?> perMinute, int count) {
        List<Long> minutes = new ArrayList<>();
        if (perMinute.isEmpty()) {
            return minutes;
        }
        long last = perMinute.lastKey();
        long first = Math.max(perMinute.firstKey(), last - (count - 1) * MINUTE);
        for (long minute = first; minute <= last; minute += MINUTE) {
            minutes.add(minute);
        }
        return minutes;
    }
}
