package io.streamsuite.clickstream;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Clickstream traffic that looks like people shopping on a small web shop, with bots injected into it, and exactly
 * what the clickstream app must publish for it: the ground truth for a test that produces the events to the real app
 * on a broker and compares every output record. The same seed, user count and start always give the same traffic,
 * so a failure can be replayed.
 *
 * <p>Ordinary users browse in sessions of 1 to {@value #MAX_BROWSE_PAGES} pages, {@value #MIN_PAGE_GAP_MS} ms to 3
 * minutes apart, with clicks in between; some put a product in the cart, fewer check out, fewer still buy. A user's
 * sessions are more than 31 minutes apart, so that the 30-minute inactivity gap splits them with a margin. They use
 * ordinary browsers and never make more than 20 events within 10 s: page views at least 5 s apart and at most 4
 * other events between two of them (2 clicks, a checkout and a purchase) make at most 19, usually far fewer.
 *
 * <p>Bots are injected on users of their own, {@value #USERS_PER_BOT_KIND} of each {@link Kind}: rate bots that fire
 * 30 to 60 events within a few seconds with a browser's user agent (once, twice 5 minutes apart: one alert, the
 * cooldown swallows the second burst, or twice 15 minutes apart: two alerts), and crawlers, headless browsers and
 * scripts that give themselves away by their user agent at a calm rate. Bots are not filtered: their events count in
 * page views, sessions and the funnel like anyone's.
 *
 * <p>The expected outputs are not labelled by construction but computed from the events by {@link #expect(List)}, a
 * plain-Java model of the app's semantics, independent of any Kafka Streams topology; the constants of this class are
 * the contract's defaults it assumes. Events are sorted by time; events of different users may share a millisecond,
 * events of one user never do.
 */
public final class ClickTraffic {

    /** Who a user is; every user but the ordinary ones is a bot. */
    public enum Kind {
        ORDINARY,
        /** One burst of 30 to 60 events within a few seconds, with a browser's user agent: one alert. */
        RATE_BOT,
        /** Two such bursts starting 5 minutes apart: the cooldown suppresses the second alert, one alert. */
        RATE_BOT_TWICE_5_MIN,
        /** Two such bursts starting 15 minutes apart: two alerts. */
        RATE_BOT_TWICE_15_MIN,
        /** A search engine crawler walking the site, a page every 3 to 15 s: alerts by user agent. */
        CRAWLER,
        /** A headless browser driven like a person: alerts by user agent. */
        HEADLESS,
        /** An HTTP library or command-line client fetching product pages every 1 to 3 s: alerts by user agent. */
        SCRIPTED;

        public boolean isBot() {
            return this != ORDINARY;
        }

        /** The bots caught by their rate, not their user agent. */
        public boolean isRateBot() {
            return this == RATE_BOT || this == RATE_BOT_TWICE_5_MIN || this == RATE_BOT_TWICE_15_MIN;
        }
    }

    // ---- the app's semantics, at the contract's defaults ----

    /** Page views and top pages: 1-minute tumbling windows aligned to the epoch. */
    public static final long PAGE_VIEW_WINDOW_MS = 60_000;
    /** How many URLs a top-pages record lists at most. */
    public static final int TOP_PAGES_LIMIT = 10;
    /** A gap between two events of a user of more than this ends the session; exactly this does not. */
    public static final long SESSION_GAP_MS = 30 * 60_000;
    /** Funnel: 1-hour tumbling windows aligned to the epoch, over the sessions that end in them. */
    public static final long FUNNEL_WINDOW_MS = 60 * 60_000;
    /** The span, inclusive at both ends, over which the bot rule counts a user's events. */
    public static final long BOT_SPAN_MS = 10_000;
    /** More than this many events of a user within {@link #BOT_SPAN_MS} is a bot. */
    public static final int BOT_MAX_EVENTS = 20;
    /** An alert for a user suppresses further alerts for the user at event times less than this later. */
    public static final long BOT_COOLDOWN_MS = 10 * 60_000;
    /** A user agent containing any of these, ignoring case, is a bot's. */
    public static final List<String> BOT_USER_AGENT_PATTERNS = List.of("bot", "crawl", "spider", "slurp", "headless",
            "phantomjs", "selenium", "puppeteer", "playwright", "python-requests", "curl/", "wget/");

    // ---- the generator's shape ----

    /** Users per bot kind: several, so that one lucky hit does not pass for a working rule. */
    public static final int USERS_PER_BOT_KIND = 4;
    /** Users that are bots; the rest, at least as many, are ordinary. */
    public static final int BOT_USERS = USERS_PER_BOT_KIND * (Kind.values().length - 1);
    /** How long the traffic lasts, roughly: sessions are placed within this much time after the start. */
    public static final long SPAN_MS = 3 * 60 * 60_000;
    public static final int MAX_SESSIONS_PER_USER = 3;
    /** Sessions of one user start at least this long after the previous one ended. */
    public static final long MIN_SESSION_SPACING_MS = 31 * 60_000 + 1;
    static final long MIN_PAGE_GAP_MS = 5_000;
    static final long MAX_PAGE_GAP_MS = 3 * 60_000;
    static final int MAX_BROWSE_PAGES = 12;
    static final int MIN_BURST_EVENTS = 30;
    static final int MAX_BURST_EVENTS = 60;
    static final long MAX_BURST_MS = 6_000;

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    /**
     * What people browse, most popular first; the generator's popularity falls off with the rank (Zipf), so a few
     * pages lead every minute's top 10 and the tail ties a lot.
     */
    static final List<String> BROWSE_PAGES = List.of(
            "/", "/products", "/search?q=running+shoes", "/products/7", "/products/3", "/category/shoes",
            "/products/12", "/products/1", "/category/jackets", "/products/15", "/products/4",
            "/search?q=rain+jacket", "/products/9", "/products/18", "/category/bags", "/products/2", "/products/11",
            "/products/20", "/products/5", "/search?q=backpack", "/products/14", "/products/8",
            "/category/accessories", "/products/16", "/products/6", "/products/10", "/products/19", "/products/13",
            "/products/17", "/search?q=gift+ideas", "/account", "/login", "/help", "/blog",
            "/blog/spring-collection", "/about", "/returns", "/contact");
    static final String CART_PAGE = "/cart";
    static final String CHECKOUT_PAGE = "/checkout";
    static final String CONFIRMATION_PAGE = "/checkout/complete";
    /** Every URL a page view can have. */
    public static final List<String> SITE;

    static {
        List<String> site = new ArrayList<>(BROWSE_PAGES);
        site.addAll(List.of(CART_PAGE, CHECKOUT_PAGE, CONFIRMATION_PAGE));
        SITE = List.copyOf(site);
    }

    /** Ordinary browsers, desktop and mobile; none contains a bot pattern. */
    static final List<String> BROWSER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/119.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "Chrome/120.0.6099.43 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
                    + "Safari/537.36 Edg/120.0.0.0");
    static final List<String> CRAWLER_AGENTS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
            "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)");
    static final List<String> HEADLESS_AGENTS = List.of(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "HeadlessChrome/119.0.6045.105 Safari/537.36",
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 "
                    + "Safari/538.1");
    static final List<String> SCRIPT_AGENTS = List.of("python-requests/2.31.0", "curl/8.4.0", "Wget/1.21.4");
    private static final List<String> REFERRERS = List.of(
            "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/",
            "https://t.co/x7Kq2mPz", "https://www.facebook.com/", "https://news.ycombinator.com/",
            "https://www.reddit.com/r/running/");

    private final List<ClickEvent> events;
    private final Map<String, Kind> kinds;
    private final Expectations expectations;

    private ClickTraffic(List<ClickEvent> events, Map<String, Kind> kinds) {
        this.events = List.copyOf(events);
        this.kinds = Collections.unmodifiableMap(kinds);
        this.expectations = expect(this.events);
    }

    /**
     * @param seed  what makes the traffic different from other runs, and the same on a rerun
     * @param users how many users visit, at least {@code 2 * BOT_USERS} so that most traffic is ordinary
     * @param start the earliest event time; the traffic spans about {@link #SPAN_MS} after it
     */
    public static ClickTraffic generate(long seed, int users, Instant start) {
        if (users < 2 * BOT_USERS) {
            throw new IllegalArgumentException("users must be at least " + 2 * BOT_USERS + ", was " + users);
        }
        return new Generator(new Random(seed), start.toEpochMilli()).run(users);
    }

    /** Every event in the order to produce them: by event time, so that the app never sees one late. */
    public List<ClickEvent> events() {
        return events;
    }

    /** User id to what the user is, for every user; tells a failing test which kind of user went wrong. */
    public Map<String, Kind> kinds() {
        return kinds;
    }

    /** The time of the last event, epoch milliseconds. */
    public long lastEventTime() {
        return events.get(events.size() - 1).timestamp();
    }

    /** Everything the app must publish for {@link #events()}. */
    public Expectations expectations() {
        return expectations;
    }

    /** {@code clickstream-page-views}: one record per URL and window with a page view, by window start then URL. */
    public List<PageViews> expectedPageViews() {
        return expectations.pageViews();
    }

    /** {@code clickstream-top-pages}: one record per window with a page view, by window start. */
    public List<TopPages> expectedTopPages() {
        return expectations.topPages();
    }

    /** {@code clickstream-sessions}: one record per session, by user then session start. */
    public List<SessionSummary> expectedSessions() {
        return expectations.sessions();
    }

    /** {@code clickstream-funnel}: one record per hour in which a session ends, by window start. */
    public List<FunnelCounts> expectedFunnel() {
        return expectations.funnel();
    }

    /** {@code clickstream-bot-alerts}, in the form of {@link #comparable(BotAlert)}, by event time then user. */
    public List<BotAlert> expectedBotAlerts() {
        return expectations.botAlerts();
    }

    /**
     * What the app must publish for some events.
     *
     * @param botAlerts with {@code reason} null and {@code detectedAt} 0, which the app fills in its own way: compare
     *                  the app's alerts after {@link ClickTraffic#comparable(BotAlert)}
     */
    public record Expectations(List<PageViews> pageViews, List<TopPages> topPages, List<SessionSummary> sessions,
                               List<FunnelCounts> funnel, List<BotAlert> botAlerts) {

        public Expectations {
            pageViews = List.copyOf(pageViews);
            topPages = List.copyOf(topPages);
            sessions = List.copyOf(sessions);
            funnel = List.copyOf(funnel);
            botAlerts = List.copyOf(botAlerts);
        }
    }

    /** An alert as the model states it: without the wording of its reason and the wall-clock time of detection. */
    public static BotAlert comparable(BotAlert alert) {
        return new BotAlert(alert.userId(), null, alert.eventCount(), alert.windowStart(), alert.windowEnd(), 0);
    }

    /** Whether a user agent is a known crawler's, headless browser's or script's; null is not. */
    public static boolean looksLikeBot(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        return BOT_USER_AGENT_PATTERNS.stream().anyMatch(lower::contains);
    }

    /** The start of the tumbling window of the given size, aligned to the epoch, that contains a time. */
    public static long windowStart(long time, long size) {
        return time - Math.floorMod(time, size);
    }

    /**
     * What the app must publish for these events, produced in this order; they must be valid per the contract.
     * Each user's events are taken in time order, and events of a user with equal times in the order given (the one
     * produced first is the earlier). The bot rule counts, for an event, the user's events up to and including it in
     * that order whose time lies within {@link #BOT_SPAN_MS} before it: what the app has seen when it processes the
     * event (the generator never gives one user two events in the same millisecond, where this could matter).
     */
    public static Expectations expect(List<ClickEvent> events) {
        Map<String, List<ClickEvent>> byUser = new LinkedHashMap<>();
        for (ClickEvent event : events) {
            byUser.computeIfAbsent(event.userId(), user -> new ArrayList<>()).add(event);
        }
        // List.sort is stable: equal times keep the production order
        byUser.values().forEach(own -> own.sort(Comparator.comparingLong(ClickEvent::timestamp)));

        List<PageViews> pageViews = pageViews(events);
        List<SessionSummary> sessions = new ArrayList<>();
        List<BotAlert> alerts = new ArrayList<>();
        byUser.forEach((user, own) -> {
            sessions.addAll(sessions(user, own));
            alerts.addAll(botAlerts(user, own));
        });
        sessions.sort(Comparator.comparing(SessionSummary::userId).thenComparingLong(SessionSummary::sessionStart));
        alerts.sort(Comparator.comparingLong(BotAlert::windowEnd).thenComparing(BotAlert::userId));
        return new Expectations(pageViews, topPages(pageViews), sessions, funnel(sessions), alerts);
    }

    private static List<PageViews> pageViews(List<ClickEvent> events) {
        record Window(long start, String url) {
        }
        Map<Window, List<String>> visitors = new TreeMap<>(
                Comparator.comparingLong(Window::start).thenComparing(Window::url));
        for (ClickEvent event : events) {
            if (event.eventType() == EventType.PAGE_VIEW) {
                visitors.computeIfAbsent(new Window(windowStart(event.timestamp(), PAGE_VIEW_WINDOW_MS), event.url()),
                        window -> new ArrayList<>()).add(event.userId());
            }
        }
        List<PageViews> pageViews = new ArrayList<>();
        visitors.forEach((window, users) -> pageViews.add(new PageViews(window.url(), window.start(),
                window.start() + PAGE_VIEW_WINDOW_MS, users.size(), new TreeSet<>(users).size())));
        return pageViews;
    }

    /** From page views sorted by window start: per window, the most viewed URLs, ties by URL. */
    private static List<TopPages> topPages(List<PageViews> pageViews) {
        Map<Long, List<PageViews>> byWindow = new TreeMap<>();
        pageViews.forEach(views -> byWindow.computeIfAbsent(views.windowStart(), start -> new ArrayList<>())
                .add(views));
        List<TopPages> topPages = new ArrayList<>();
        byWindow.forEach((start, views) -> topPages.add(new TopPages(start, start + PAGE_VIEW_WINDOW_MS,
                views.stream()
                        .map(v -> new TopPages.PageCount(v.url(), v.views()))
                        .sorted(Comparator.comparingLong(TopPages.PageCount::views).reversed()
                                .thenComparing(TopPages.PageCount::url))
                        .limit(TOP_PAGES_LIMIT)
                        .toList())));
        return topPages;
    }

    /** One user's sessions, from the user's events in time order. */
    private static List<SessionSummary> sessions(String user, List<ClickEvent> own) {
        List<SessionSummary> sessions = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= own.size(); i++) {
            if (i == own.size() || own.get(i).timestamp() - own.get(i - 1).timestamp() > SESSION_GAP_MS) {
                sessions.add(summary(user, own.subList(first, i)));
                first = i;
            }
        }
        return sessions;
    }

    private static SessionSummary summary(String user, List<ClickEvent> session) {
        long start = session.get(0).timestamp();
        long end = session.get(session.size() - 1).timestamp();
        long pageViews = 0;
        String entry = null;
        String exit = null;
        boolean converted = false;
        FunnelStage stage = FunnelStage.VIEW;
        for (ClickEvent event : session) {
            EventType type = event.eventType();
            if (type == EventType.PAGE_VIEW) {
                pageViews++;
                if (entry == null) {
                    entry = event.url();
                }
                exit = event.url();
            }
            converted |= type == EventType.PURCHASE;
            stage = stage.max(type.stage());
        }
        return new SessionSummary(user, start, end, end - start, session.size(), pageViews, entry, exit,
                pageViews == 1, converted, stage);
    }

    private static List<FunnelCounts> funnel(List<SessionSummary> sessions) {
        Map<Long, long[]> byWindow = new TreeMap<>();
        for (SessionSummary session : sessions) {
            long[] counts = byWindow.computeIfAbsent(windowStart(session.sessionEnd(), FUNNEL_WINDOW_MS),
                    start -> new long[FunnelStage.values().length]);
            for (FunnelStage stage : FunnelStage.values()) {
                if (session.funnelStage().compareTo(stage) >= 0) {
                    counts[stage.ordinal()]++;
                }
            }
        }
        List<FunnelCounts> funnel = new ArrayList<>();
        byWindow.forEach((start, counts) -> funnel.add(new FunnelCounts(start, start + FUNNEL_WINDOW_MS,
                counts[FunnelStage.VIEW.ordinal()], counts[FunnelStage.CART.ordinal()],
                counts[FunnelStage.CHECKOUT.ordinal()], counts[FunnelStage.PURCHASE.ordinal()])));
        return funnel;
    }

    /** One user's alerts, from the user's events in time order. */
    private static List<BotAlert> botAlerts(String user, List<ClickEvent> own) {
        List<BotAlert> alerts = new ArrayList<>();
        Deque<Long> recent = new ArrayDeque<>();
        Long lastAlert = null;
        for (ClickEvent event : own) {
            long time = event.timestamp();
            while (!recent.isEmpty() && recent.peekFirst() < time - BOT_SPAN_MS) {
                recent.pollFirst();
            }
            recent.addLast(time);
            boolean suspicious = recent.size() > BOT_MAX_EVENTS || looksLikeBot(event.userAgent());
            if (suspicious && (lastAlert == null || lastAlert <= time - BOT_COOLDOWN_MS)) {
                alerts.add(new BotAlert(user, null, recent.size(), time - BOT_SPAN_MS, time, 0));
                lastAlert = time;
            }
        }
        return alerts;
    }

    // ---- generation ----

    private record Visitor(String id, Kind kind, String userAgent, String ip) {
    }

    /** An event before it has its id: ids are given in production order, so that they read chronologically. */
    private record Draft(Visitor visitor, long time, long seq, EventType type, String url, String referrer) {

        ClickEvent toEvent(String eventId) {
            return new ClickEvent(eventId, visitor.id(), type.name(), url, referrer, visitor.userAgent(),
                    visitor.ip(), time);
        }
    }

    /** An event of a session, at an offset from the session's start. */
    private record Step(long offset, EventType type, String url, String referrer) {
    }

    /** A page view in a session plan and what the user does on the page after it, besides clicks. */
    private record Visit(String url, List<EventType> actions) {

        Visit(String url) {
            this(url, List.of());
        }
    }

    /** One run of generation: all the state that the seeded random numbers flow through, in a fixed order. */
    private static final class Generator {
        private final Random random;
        private final long start;
        private final List<Draft> drafts = new ArrayList<>();
        private final double[] cumulativePopularity;
        private long seq;

        Generator(Random random, long start) {
            this.random = random;
            this.start = start;
            cumulativePopularity = new double[BROWSE_PAGES.size()];
            double sum = 0;
            for (int rank = 0; rank < BROWSE_PAGES.size(); rank++) {
                sum += 1.0 / (rank + 1.5);
                cumulativePopularity[rank] = sum;
            }
        }

        ClickTraffic run(int userCount) {
            List<Kind> plan = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                if (kind.isBot()) {
                    plan.addAll(Collections.nCopies(USERS_PER_BOT_KIND, kind));
                }
            }
            plan.addAll(Collections.nCopies(userCount - plan.size(), Kind.ORDINARY));
            Collections.shuffle(plan, random);

            Map<String, Kind> kinds = new TreeMap<>();
            Map<Kind, Integer> seen = new LinkedHashMap<>();
            for (int n = 1; n <= userCount; n++) {
                Kind kind = plan.get(n - 1);
                // the bots of a kind take its user agents in turn, so that each one occurs
                int index = seen.merge(kind, 1, Integer::sum) - 1;
                Visitor visitor = new Visitor(String.format("user-%04d", n), kind, userAgent(kind, index), ip(kind));
                kinds.put(visitor.id(), kind);
                switch (kind) {
                    case ORDINARY -> browse(visitor, 1 + random.nextInt(MAX_SESSIONS_PER_USER));
                    case HEADLESS -> browse(visitor, 1 + random.nextInt(2));
                    case RATE_BOT -> bursts(visitor, 0);
                    case RATE_BOT_TWICE_5_MIN -> bursts(visitor, 5 * MINUTE);
                    case RATE_BOT_TWICE_15_MIN -> bursts(visitor, 15 * MINUTE);
                    case CRAWLER -> crawl(visitor);
                    case SCRIPTED -> scrape(visitor);
                }
            }

            drafts.sort(Comparator.comparingLong(Draft::time).thenComparing(d -> d.visitor().id())
                    .thenComparingLong(Draft::seq));
            List<ClickEvent> events = new ArrayList<>(drafts.size());
            for (Draft draft : drafts) {
                events.add(draft.toEvent(String.format("e-%06d", events.size() + 1)));
            }
            return new ClickTraffic(events, kinds);
        }

        private String userAgent(Kind kind, int index) {
            return switch (kind) {
                case CRAWLER -> CRAWLER_AGENTS.get(index % CRAWLER_AGENTS.size());
                case HEADLESS -> HEADLESS_AGENTS.get(index % HEADLESS_AGENTS.size());
                case SCRIPTED -> SCRIPT_AGENTS.get(index % SCRIPT_AGENTS.size());
                // rate bots pose as browsers: only their rate gives them away
                default -> BROWSER_AGENTS.get(random.nextInt(BROWSER_AGENTS.size()));
            };
        }

        /** Documentation addresses (RFC 5737, RFC 3849), so that no real host is named. */
        private String ip(Kind kind) {
            if (kind == Kind.ORDINARY && random.nextInt(6) == 0) {
                return String.format("2001:db8:%x::%x", random.nextInt(0x10000), 1 + random.nextInt(0xfffe));
            }
            String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
            return nets[random.nextInt(nets.length)] + (1 + random.nextInt(254));
        }

        /** A person's (or a headless browser's) visits: sessions more than 31 minutes apart within the span. */
        private void browse(Visitor visitor, int sessionCount) {
            List<List<Step>> sessions = new ArrayList<>();
            List<Long> spacings = new ArrayList<>();
            long total = 0;
            for (int s = 0; s < sessionCount; s++) {
                List<Step> session = session();
                sessions.add(session);
                total += session.get(session.size() - 1).offset();
                if (s > 0) {
                    long spacing = MIN_SESSION_SPACING_MS + random.nextLong(30 * MINUTE);
                    spacings.add(spacing);
                    total += spacing;
                }
            }
            long time = start + offsetWithin(total);
            for (int s = 0; s < sessionCount; s++) {
                if (s > 0) {
                    time += spacings.get(s - 1);
                }
                long sessionStart = time;
                for (Step step : sessions.get(s)) {
                    time = sessionStart + step.offset();
                    emit(visitor, time, step.type(), step.url(), step.referrer());
                }
            }
        }

        /**
         * One session, at offsets from its first event: a bounce (one page) or a browse of 2 to 12 pages, of which
         * some go on to the cart, fewer to the checkout, fewer still to a purchase.
         */
        private List<Step> session() {
            List<Visit> visits = new ArrayList<>();
            visits.add(new Visit(random.nextInt(3) == 0 ? "/" : popularPage()));
            if (random.nextDouble() >= 0.2) {
                int browse = 2 + Math.min(MAX_BROWSE_PAGES - 2, geometric(0.3));
                while (visits.size() < browse) {
                    visits.add(new Visit(nextPage(visits.get(visits.size() - 1).url())));
                }
                double intent = random.nextDouble();
                if (intent < 0.3) {
                    visits.add(new Visit(productPage(), List.of(EventType.ADD_TO_CART)));
                    visits.add(new Visit(CART_PAGE));
                    if (intent < 0.1) {
                        visits.add(new Visit(CHECKOUT_PAGE, List.of(EventType.CHECKOUT, EventType.PURCHASE)));
                        visits.add(new Visit(CONFIRMATION_PAGE));
                    } else if (intent < 0.16) {
                        visits.add(new Visit(CHECKOUT_PAGE, List.of(EventType.CHECKOUT)));
                    } else {
                        for (int more = random.nextInt(3); more > 0; more--) {
                            visits.add(new Visit(nextPage(visits.get(visits.size() - 1).url())));
                        }
                    }
                }
            }

            List<Step> steps = new ArrayList<>();
            String referrer = random.nextDouble() < 0.4 ? REFERRERS.get(random.nextInt(REFERRERS.size())) : null;
            long time = 0;
            for (int v = 0; v < visits.size(); v++) {
                Visit visit = visits.get(v);
                boolean last = v == visits.size() - 1;
                steps.add(new Step(time, EventType.PAGE_VIEW, visit.url(), v == 0 ? referrer : null));
                long gap = last ? 0 : pageGap();
                int clicks = last && visits.size() == 1 ? (random.nextInt(10) < 3 ? 1 : 0) : clicks();
                List<EventType> extras = new ArrayList<>(Collections.nCopies(clicks, EventType.CLICK));
                extras.addAll(visit.actions());
                // strictly between this page view and the next, at least a second from each
                long room = last ? 60 * SECOND : gap - 2 * SECOND;
                TreeSet<Long> offsets = new TreeSet<>();
                while (offsets.size() < extras.size()) {
                    offsets.add(SECOND + random.nextLong(room + 1));
                }
                int e = 0;
                for (long offset : offsets) {
                    EventType type = extras.get(e++);
                    String url = switch (type) {
                        // a click names the page it was on, or nothing, as many trackers send it
                        case CLICK -> random.nextInt(10) < 7 ? visit.url() : null;
                        default -> visit.url();
                    };
                    steps.add(new Step(time + offset, type, url, null));
                }
                time += gap;
            }
            return steps;
        }

        /** One or two bursts of 30 to 60 events within at most 6 s, the second {@code repeatAfter} later. */
        private void bursts(Visitor visitor, long repeatAfter) {
            long first = start + offsetWithin(repeatAfter + MAX_BURST_MS);
            burst(visitor, first);
            if (repeatAfter > 0) {
                burst(visitor, first + repeatAfter);
            }
        }

        private void burst(Visitor visitor, long from) {
            int count = MIN_BURST_EVENTS + random.nextInt(MAX_BURST_EVENTS - MIN_BURST_EVENTS + 1);
            long duration = 2 * SECOND + random.nextLong(MAX_BURST_MS - 2 * SECOND + 1);
            TreeSet<Long> offsets = new TreeSet<>();
            offsets.add(0L);
            while (offsets.size() < count) {
                offsets.add(1 + random.nextLong(duration));
            }
            String page = productPage();
            for (long offset : offsets) {
                int draw = random.nextInt(20);
                if (draw == 0) {
                    // a scalper grabbing stock
                    emit(visitor, from + offset, EventType.ADD_TO_CART, page, null);
                } else if (draw < 3) {
                    emit(visitor, from + offset, EventType.CLICK, page, null);
                } else {
                    page = random.nextBoolean() ? productPage() : popularPage();
                    emit(visitor, from + offset, EventType.PAGE_VIEW, page, null);
                }
            }
        }

        /** A walk over the whole site in a random order, a page every 3 to 15 s, for 40 to 100 pages. */
        private void crawl(Visitor visitor) {
            int pages = 40 + random.nextInt(61);
            List<String> order = new ArrayList<>(BROWSE_PAGES);
            Collections.shuffle(order, random);
            long time = start + offsetWithin(pages * 15 * SECOND);
            for (int p = 0; p < pages; p++) {
                emit(visitor, time, EventType.PAGE_VIEW, order.get(p % order.size()), null);
                time += 3 * SECOND + random.nextLong(12 * SECOND + 1);
            }
        }

        /** A price scraper: 20 to 60 product pages, one every 1 to 3 s. */
        private void scrape(Visitor visitor) {
            int pages = 20 + random.nextInt(41);
            long time = start + offsetWithin(pages * 3 * SECOND);
            for (int p = 0; p < pages; p++) {
                emit(visitor, time, EventType.PAGE_VIEW, productPage(), null);
                time += SECOND + random.nextLong(2 * SECOND + 1);
            }
        }

        private void emit(Visitor visitor, long time, EventType type, String url, String referrer) {
            drafts.add(new Draft(visitor, time, seq++, type, url, referrer));
        }

        /** Where to start something that lasts {@code length} so that it ends within the span, if it can. */
        private long offsetWithin(long length) {
            return random.nextLong(Math.max(1, SPAN_MS - length));
        }

        /** 5 s to 3 min, mostly short: people skim. */
        private long pageGap() {
            double u = random.nextDouble();
            return MIN_PAGE_GAP_MS + (long) ((MAX_PAGE_GAP_MS - MIN_PAGE_GAP_MS) * u * u * u);
        }

        private int clicks() {
            int draw = random.nextInt(20);
            return draw < 9 ? 0 : draw < 16 ? 1 : 2;
        }

        private int geometric(double p) {
            int n = 0;
            while (random.nextDouble() >= p) {
                n++;
            }
            return n;
        }

        private String popularPage() {
            double draw = random.nextDouble() * cumulativePopularity[cumulativePopularity.length - 1];
            for (int rank = 0; rank < cumulativePopularity.length; rank++) {
                if (draw < cumulativePopularity[rank]) {
                    return BROWSE_PAGES.get(rank);
                }
            }
            return BROWSE_PAGES.get(BROWSE_PAGES.size() - 1);
        }

        /** A popular page other than the current one: people rarely reload. */
        private String nextPage(String current) {
            String next = popularPage();
            return next.equals(current) ? popularPage() : next;
        }

        private String productPage() {
            String page;
            do {
                page = popularPage();
            } while (!page.startsWith("/products/"));
            return page;
        }
    }
}
