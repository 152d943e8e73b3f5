package io.streamsuite.clickstream;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides, event by event, whether a user is a bot. Stateless: the user's activity is passed in and returned. */
public final class BotDetector {

    private final BotRules rules;
    private final long windowMillis;
    private final long cooldownMillis;

    public BotDetector(BotRules rules) {
        this.rules = rules;
        this.windowMillis = rules.window().toMillis();
        this.cooldownMillis = rules.cooldown().toMillis();
    }

    /** What gives a bot away. */
    public enum Signal { EVENT_RATE, USER_AGENT }

    /**
     * The verdict on one event of a user.
     *
     * @param alert   the alert to raise (without {@code detectedAt}, which the caller stamps), or empty
     * @param signals what gave the user away, when there is an alert
     */
    public record Verdict(UserActivity activity, Optional<BotAlert> alert, Set<Signal> signals) {

        public Verdict {
            signals = Set.copyOf(signals);
        }
    }

    public Verdict observe(ClickEvent event, UserActivity before) {
        long time = event.timestamp();
        UserActivity activity = before.with(time, windowMillis);
        long from = time - windowMillis;
        int count = activity.countBetween(from, time);
        List<String> reasons = new ArrayList<>(2);
        Set<Signal> signals = EnumSet.noneOf(Signal.class);
        if (count > rules.maxEvents()) {
            reasons.add(count + " events within " + rules.window().toSeconds() + " s (limit " + rules.maxEvents() + ")");
            signals.add(Signal.EVENT_RATE);
        }
        Optional<Pattern> agent = rules.agentMatch(event.userAgent());
        if (agent.isPresent()) {
            reasons.add("user agent '" + event.userAgent() + "' matches '" + agent.get() + "'");
            signals.add(Signal.USER_AGENT);
        }
        boolean cooling = activity.lastAlert() != null && time < activity.lastAlert() + cooldownMillis;
        if (reasons.isEmpty() || cooling) {
            return new Verdict(activity, Optional.empty(), Set.of());
        }
        BotAlert alert = new BotAlert(event.userId(), String.join("; ", reasons), count, from, time, 0);
        return new Verdict(activity.alertedAt(time), Optional.of(alert), signals);
    }
}
