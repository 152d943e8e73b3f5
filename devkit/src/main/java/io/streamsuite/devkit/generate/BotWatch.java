package io.streamsuite.devkit.generate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The clickstream app's bot rule at its defaults, for one bot user, to say which of its events raise an alert: more
 * than 20 events within the 10 s ending at an event (both ends included), or a bot's user agent; then no alert for
 * 10 minutes of event time.
 */
final class BotWatch {

    static final int MAX_EVENTS = 20;
    static final long WINDOW_MS = 10_000;
    static final long COOLDOWN_MS = 10 * 60_000;

    private final boolean agentGivesAway;
    private final Deque<Long> recent = new ArrayDeque<>();
    private Long lastAlert;

    /** @param agentGivesAway whether the user agent matches one of the app's bot patterns */
    BotWatch(boolean agentGivesAway) {
        this.agentGivesAway = agentGivesAway;
    }

    /** Records an event of the user and says why it raises an alert, if it does. */
    Optional<String> observe(long time) {
        while (!recent.isEmpty() && recent.peekFirst() < time - WINDOW_MS) {
            recent.pollFirst();
        }
        recent.addLast(time);
        boolean tooMany = recent.size() > MAX_EVENTS;
        if (!(tooMany || agentGivesAway) || (lastAlert != null && time < lastAlert + COOLDOWN_MS)) {
            return Optional.empty();
        }
        lastAlert = time;
        return Optional.of(tooMany ? recent.size() + " events within 10 s (limit 20)" : "user agent of a bot");
    }

    /** The user's events within the 10 s ending at the last one. */
    int recentCount() {
        return recent.size();
    }
}
