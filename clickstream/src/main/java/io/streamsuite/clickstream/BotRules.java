package io.streamsuite.clickstream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a user is taken for a bot: more than {@code maxEvents} events within {@code window}, or a user agent matching
 * one of {@code agents}; at most one alert per {@code cooldown}.
 */
public record BotRules(int maxEvents, Duration window, Duration cooldown, UserAgentPatterns agents) {

    /** The rules from the settings, with the user-agent expressions compiled once. */
    public static BotRules of(int maxEvents, Duration window, Duration cooldown, List<String> agents) {
        return new BotRules(maxEvents, window, cooldown, UserAgentPatterns.compile(agents));
    }

    /** The first expression the user agent contains a match of. */
    public Optional<Pattern> agentMatch(String userAgent) {
        return agents.firstMatch(userAgent);
    }
}
