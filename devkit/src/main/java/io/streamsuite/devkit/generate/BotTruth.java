package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * A bot user, written with its first event; or, with {@code alert} set, a bot alert the clickstream app must raise
 * (at {@code eventTime}, counting {@code eventCount} events of the user within the 10 s ending there).
 *
 * @param kind  {@code RATE_BOT}, {@code CRAWLER} or {@code HEADLESS}
 * @param alert null for the line naming the user, {@code BOT_ALERT} for an expected alert
 */
public record BotTruth(String domain, String userId, String kind, String alert, String eventId, Long eventTime,
                       Integer eventCount, String userAgent, String why) implements Truth {

    static BotTruth user(String userId, String kind, String userAgent, long firstEventTime, String why) {
        return new BotTruth("clickstream", userId, kind, null, null, firstEventTime, null, userAgent, why);
    }

    static BotTruth alert(String userId, String kind, String eventId, long eventTime, int eventCount, String why) {
        return new BotTruth("clickstream", userId, kind, "BOT_ALERT", eventId, eventTime, eventCount, null, why);
    }

    @Override
    public List<String> countedAs() {
        return List.of(alert == null ? kind : alert);
    }
}
