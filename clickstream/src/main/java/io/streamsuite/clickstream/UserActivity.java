package io.streamsuite.clickstream;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bot check remembers of one user: the times of its recent events, and when it was last alerted.
 *
 * @param recent    event times within the window of the newest, sorted; at most {@value #MAX_KEPT}, so that a bot
 *                  firing thousands of events a second keeps its state small
 * @param lastAlert event time of the last alert, null if none
 */
public record UserActivity(List<Long> recent, Long lastAlert) {

    /** How many event times are kept; counts above it are reported as this. */
    public static final int MAX_KEPT = 1000;

    private static final UserActivity NONE = new UserActivity(List.of(), null);

    public UserActivity {
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    public static UserActivity none() {
        return NONE;
    }

    /** The activity with one more event, without the times that fell out of {@code windowMillis} of the newest. */
    UserActivity with(long time, long windowMillis) {
        List<Long> times = new ArrayList<>(recent.size() + 1);
        times.addAll(recent);
        int at = times.size();
        while (at > 0 && times.get(at - 1) > time) {
            at--;
        }
        times.add(at, time);
        long cutoff = times.get(times.size() - 1) - windowMillis;
        int first = 0;
        while (first < times.size() - 1 && (times.get(first) < cutoff || times.size() - first > MAX_KEPT)) {
            first++;
        }
        return new UserActivity(times.subList(first, times.size()), lastAlert);
    }

    /** How many kept events fall within {@code [from, to]}. */
    int countBetween(long from, long to) {
        int count = 0;
        for (long time : recent) {
            if (time >= from && time <= to) {
                count++;
            }
        }
        return count;
    }

    UserActivity alertedAt(long time) {
        return new UserActivity(recent, time);
    }
}
