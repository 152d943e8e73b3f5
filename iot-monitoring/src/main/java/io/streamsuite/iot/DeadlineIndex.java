package io.streamsuite.iot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Devices ordered by a time each is due at (a window's close, a heartbeat deadline), so that a check visits only the
 * devices whose time has come rather than every device of the task. A device may be due at several times.
 *
 * <p>Devices due at the same time come in the order of their ids' UTF-8 bytes, the order of the keys in the state
 * store, so outputs come in the same order as a scan of the store would give them.
 */
public final class DeadlineIndex {

    /** A device due at a time. */
    public record Due(long time, String deviceId) {
    }

    /** Code point order, which is the order of UTF-8 bytes (String's own order differs above U+FFFF). */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private final NavigableSet<Due> entries = new TreeSet<>(
            Comparator.comparingLong(Due::time).thenComparing(Due::deviceId, UTF8_ORDER));

    public void add(long time, String deviceId) {
        entries.add(new Due(time, deviceId));
    }

    public void remove(long time, String deviceId) {
        entries.remove(new Due(time, deviceId));
    }

    /** Removes and returns every entry due at or before {@code now}, earliest first. */
    public List<Due> pollDue(long now) {
        List<Due> due = new ArrayList<>();
        while (!entries.isEmpty() && entries.first().time() <= now) {
            due.add(entries.pollFirst());
        }
        return due;
    }

    /** Whether anything is due at or before {@code now}, without removing it. */
    public boolean hasDue(long now) {
        return !entries.isEmpty() && entries.first().time() <= now;
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }
}
