package io.streamsuite.clickstream;

import io.streamsuite.topologies.config.Setting;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The clickstream app's configuration keys, {@code clickstream.*}, with the contract's defaults. */
public final class ClickstreamSettings {

    /** Crawlers, headless browsers and scripted clients, matched case-insensitively anywhere in the user agent. */
    public static final List<String> DEFAULT_BOT_AGENTS = List.of("bot", "crawl", "spider", "slurp", "headless",
            "phantomjs", "selenium", "puppeteer", "playwright", "python-requests", "curl/", "wget/");

    public static final Setting<Duration> PAGE_VIEWS_GRACE = Setting.nonNegativeDuration("clickstream.page-views.grace",
            Duration.ofSeconds(30), "How late a page view may arrive within its input partition and still count in its"
                    + " 1-minute window; each window is emitted once, when every input partition's event time has"
                    + " passed its end plus this.");
    public static final Setting<Integer> TOP_PAGES_SIZE = Setting.integer("clickstream.top-pages.size", 10, 1, 1000,
            "How many URLs each clickstream-top-pages record ranks.");
    public static final Setting<Duration> TOP_PAGES_GRACE = Setting.nonNegativeDuration("clickstream.top-pages.grace",
            Duration.ofMinutes(1), "How long after its page-view counts a minute's ranking is emitted, in the event"
                    + " time of the slowest input partition (the counts of all partitions are in by then whatever this"
                    + " is: it only delays the ranking).");
    public static final Setting<Duration> SESSION_GAP = Setting.duration("clickstream.sessions.inactivity-gap",
            Duration.ofMinutes(30), "A session ends after this long without an event of its user.");
    public static final Setting<Duration> SESSION_GRACE = Setting.nonNegativeDuration("clickstream.sessions.grace",
            Duration.ofMinutes(1), "How late an event may arrive and still join (or bridge) its sessions.");
    public static final Setting<Duration> SESSION_KEPT_AFTER_CLOSE = Setting.duration(
            "clickstream.sessions.kept-after-close", Duration.ofDays(1), "How long a closed session stays in the local"
                    + " store. A partition whose event time leaps further than this at once (no events for longer, then"
                    + " one) never emits the sessions that the leap closed.");
    public static final Setting<Duration> FUNNEL_GRACE = Setting.nonNegativeDuration("clickstream.funnel.grace",
            Duration.ofMinutes(5), "How long after every session ending in an hour has closed (in the event time of"
                    + " the slowest input partition) the hour's funnel is emitted: it only delays the funnel.");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("clickstream.windows.idle-timeout",
            Duration.ofMinutes(1), "An input partition whose event time has not moved for this long by the wall clock"
                    + " stops holding back the page views, rankings and funnel of the others until its next event;"
                    + " its events for windows emitted meanwhile are dropped as late.");
    public static final Setting<Integer> MAX_USER_ID_LENGTH = Setting.integer("clickstream.events.max-user-id-length",
            256, 1, 1_000_000, "A longer userId (or eventId) dead-letters the event.");
    public static final Setting<Integer> MAX_URL_LENGTH = Setting.integer("clickstream.events.max-url-length",
            8192, 1, 10_000_000, "A longer url or referrer dead-letters the event.");
    public static final Setting<Integer> MAX_USER_AGENT_LENGTH = Setting.integer(
            "clickstream.events.max-user-agent-length", 4096, 1, 10_000_000,
            "A longer userAgent dead-letters the event.");
    public static final Setting<Integer> BOT_MAX_EVENTS = Setting.integer("clickstream.bots.max-events", 20, 1,
            1000, "A user with more events than this within clickstream.bots.window is a bot.");
    public static final Setting<Duration> BOT_WINDOW = Setting.duration("clickstream.bots.window",
            Duration.ofSeconds(10), "The span of event time, ending at an event, in which a user's events are counted.");
    public static final Setting<Duration> BOT_COOLDOWN = Setting.nonNegativeDuration("clickstream.bots.cooldown",
            Duration.ofMinutes(10), "After an alert, no other alert for the same user for this long (event time).");
    public static final Setting<List<String>> BOT_AGENTS = new Setting<>("clickstream.bots.user-agents",
            DEFAULT_BOT_AGENTS, "Regular expressions; a user agent containing a match (ignoring case) is a bot.",
            "a comma-separated list of regular expressions", ClickstreamSettings::regexList);

    private static final List<Setting<?>> ALL = List.of(PAGE_VIEWS_GRACE, TOP_PAGES_SIZE, TOP_PAGES_GRACE,
            SESSION_GAP, SESSION_GRACE, SESSION_KEPT_AFTER_CLOSE, FUNNEL_GRACE, IDLE_TIMEOUT, BOT_MAX_EVENTS, BOT_WINDOW,
            BOT_COOLDOWN, BOT_AGENTS, MAX_USER_ID_LENGTH, MAX_URL_LENGTH, MAX_USER_AGENT_LENGTH);

    private ClickstreamSettings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }

    /** Splits and compiles, so that a broken expression stops the app at start rather than at the first event. */
    private static List<String> regexList(String raw) {
        if (raw.isBlank()) {
            return List.of();
        }
        List<String> patterns = Arrays.stream(raw.split(",")).map(String::trim).toList();
        for (String pattern : patterns) {
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty item");
            }
            Pattern.compile(pattern);
        }
        return patterns;
    }
}
