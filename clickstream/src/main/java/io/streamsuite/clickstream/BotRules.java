package io.streamsuite.clickstream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a user is taken for a bot: more than {@code maxEvents} events within {@code window}, or a user agent matching
 * one of {@code agents}; at most one alert per {@code cooldown}.
 */
public record BotRules(int maxEvents, Duration window, Duration cooldown, List<Pattern> agents) {

    public BotRules {
        agents = List.copyOf(agents);
    }

    /** The rules from the settings, with the user-agent expressions compiled once. */
    public static BotRules of(int maxEvents, Duration window, Duration cooldown, List<String> agents) {
        return new BotRules(maxEvents, window, cooldown, agents.stream()
                .map(agent -> Pattern.compile(agent, Pattern.CASE_INSENSITIVE)).toList());
    }

    /** The first expression the user agent contains a match of. */
    public Optional<Pattern> agentMatch(String userAgent) {
        if (userAgent == null) {
            return Optional.empty();
        }
        for (Pattern agent : agents) {
            if (agent.matcher(userAgent).find()) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }
}
