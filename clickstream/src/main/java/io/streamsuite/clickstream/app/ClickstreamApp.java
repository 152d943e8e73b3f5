package io.streamsuite.clickstream.app;

import static io.streamsuite.clickstream.ClickstreamSettings.BOT_AGENTS;
import static io.streamsuite.clickstream.ClickstreamSettings.BOT_COOLDOWN;
import static io.streamsuite.clickstream.ClickstreamSettings.BOT_MAX_EVENTS;
import static io.streamsuite.clickstream.ClickstreamSettings.BOT_WINDOW;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.BotDetector;
import io.streamsuite.clickstream.BotRules;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickEventValidator;
import io.streamsuite.clickstream.ClickstreamSettings;
import io.streamsuite.clickstream.EventType;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.FunnelTally;
import io.streamsuite.clickstream.PageViewTally;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.SessionTally;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.clickstream.UserActivity;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.kstream.Rekey;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.windowing.TopN;
import io.streamsuite.topologies.windowing.WindowSpecs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Website activity as real-time feeds: page views and unique visitors per URL and minute, the top pages of each
 * minute, closed sessions, the purchase funnel per hour, and bot alerts. The logic lives in plain classes of
 * {@code io.streamsuite.clickstream}; this class wires them to topics and stores.
 */
public final class ClickstreamApp implements StreamsApp {

    public static final TopicDef EVENTS = TopicDef.input("clickstream-events", "user actions keyed by userId");
    public static final TopicDef PAGE_VIEWS = TopicDef.output("clickstream-page-views",
            "views and unique visitors per URL per minute");
    public static final TopicDef TOP_PAGES = TopicDef.output("clickstream-top-pages", "the most viewed URLs per minute");
    public static final TopicDef SESSIONS = TopicDef.output("clickstream-sessions", "one summary per closed session");
    public static final TopicDef FUNNEL = TopicDef.output("clickstream-funnel", "sessions per funnel stage per hour");
    public static final TopicDef BOT_ALERTS = TopicDef.output("clickstream-bot-alerts", "users taken for bots");

    /** Page views and visitors per URL and minute, including the minute in progress. */
    public static final String PAGE_VIEW_STORE = "clickstream-page-view-counts";
    /** The ranking per minute, queryable for the latest minute. */
    public static final String TOP_PAGES_STORE = "clickstream-top-pages-store";
    /** Sessions per user, the open one included. */
    public static final String SESSION_STORE = "clickstream-sessions-store";
    public static final String FUNNEL_STORE = "clickstream-funnel-store";
    public static final String BOT_STORE = "clickstream-bot-activity";

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    /** Tells which session is still open, for {@code GET /users/{userId}/session}. */
    private final Clock clock;

    public ClickstreamApp() {
        this(Clock.systemUTC());
    }

    public ClickstreamApp(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        StreamsRunner.main(new ClickstreamApp(), args);
    }

    @Override
    public String name() {
        return "clickstream";
    }

    @Override
    public String configPrefix() {
        return "clickstream.";
    }

    /**
     * The contract's port for this app, so that the three apps can run side by side on one machine; and closed
     * sessions looked for on every event, as a suppression buffer would, not at most once per wall-clock second:
     * otherwise the sessions that the last events of a burst close wait for the next event, and reach the funnel's
     * one partition after later sessions from other partitions have closed its hour.
     */
    @Override
    public Map<String, String> defaults() {
        return Map.of(CommonSettings.HTTP_PORT.key(), "7072",
                StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, "0");
    }

    @Override
    public List<Setting<?>> settings() {
        return ClickstreamSettings.all();
    }

    @Override
    public List<StoreQuery> queries(AppContext context) {
        Duration openFor = context.get(ClickstreamSettings.SESSION_GAP)
                .plus(context.get(ClickstreamSettings.SESSION_GRACE));
        return ClickstreamQueries.all(TOP_PAGES_STORE, SESSION_STORE, openFor, clock);
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(EVENTS, PAGE_VIEWS, TOP_PAGES, SESSIONS, FUNNEL, BOT_ALERTS);
    }

    public static TopicSpec<String, ClickEvent> events(AppContext context) {
        return context.topic(EVENTS, Serdes.String(), context.inputSerde(ClickEvent.class, new ClickEventValidator()));
    }

    public static TopicSpec<String, PageViews> pageViews(AppContext context) {
        return context.topic(PAGE_VIEWS, Serdes.String(), context.eventSerde(PageViews.class));
    }

    public static TopicSpec<String, TopPages> topPages(AppContext context) {
        return context.topic(TOP_PAGES, Serdes.String(), context.eventSerde(TopPages.class));
    }

    public static TopicSpec<String, SessionSummary> sessions(AppContext context) {
        return context.topic(SESSIONS, Serdes.String(), context.eventSerde(SessionSummary.class));
    }

    public static TopicSpec<String, FunnelCounts> funnel(AppContext context) {
        return context.topic(FUNNEL, Serdes.String(), context.eventSerde(FunnelCounts.class));
    }

    public static TopicSpec<String, BotAlert> botAlerts(AppContext context) {
        return context.topic(BOT_ALERTS, Serdes.String(), context.eventSerde(BotAlert.class));
    }

    /** The JSON serde of a ranking of URLs, for the top-pages store. */
    public static Serde<TopN<String>> rankingSerde() {
        return JsonSerde.of(JsonMappers.mapper().getTypeFactory().constructParametricType(TopN.class, String.class));
    }

    @Override
    public Topology buildTopology(AppContext context) {
        StreamsBuilder builder = context.streamsBuilder();
        TopicSpec<String, ClickEvent> input = events(context);
        KStream<String, ClickEvent> events = Rekey.by(
                input.stream(builder, "clickstream-events-source"),
                ClickEvent::userId, "clickstream-by-user", Serdes.String(), context.internalSerde(ClickEvent.class));

        KStream<String, PageViews> pageViews = pageViews(events, context);
        topPages(pageViews, context);
        KStream<String, SessionSummary> sessions = sessions(events, context);
        funnel(sessions, context);
        bots(builder, events, context);
        return builder.build();
    }

    /** Views and visitors per URL per minute, once the minute and its grace are over. */
    private static KStream<String, PageViews> pageViews(KStream<String, ClickEvent> events, AppContext context) {
        TopicSpec<String, PageViews> output = pageViews(context);
        KStream<String, PageViews> closed = events
                .filter((user, event) -> event.eventType() == EventType.PAGE_VIEW,
                        Named.as("clickstream-page-views-only"))
                .groupBy((user, event) -> event.url(),
                        Grouped.with("clickstream-by-url", Serdes.String(), context.internalSerde(ClickEvent.class)))
                .windowedBy(WindowSpecs.tumbling(MINUTE, context.get(ClickstreamSettings.PAGE_VIEWS_GRACE)))
                .aggregate(PageViewTally::empty, (url, event, tally) -> tally.add(event),
                        Named.as("clickstream-count-page-views"),
                        Materialized.<String, PageViewTally, WindowStore<Bytes, byte[]>>as(PAGE_VIEW_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(PageViewTally.class)))
                .suppress(Suppressed.<Windowed<String>>untilWindowCloses(BufferConfig.unbounded())
                        .withName("clickstream-page-views-until-closed"))
                .toStream(Named.as("clickstream-closed-page-views"))
                .map((window, tally) -> KeyValue.pair(window.key(),
                                tally.toPageViews(window.key(), window.window().start(), window.window().end())),
                        Named.as("clickstream-to-page-views"));
        closed.to(output.name(), output.produced("clickstream-page-views-sink"));
        return closed;
    }

    /**
     * The most viewed URLs of each minute, ranked from the closed page-view counts. All counts of a minute meet in
     * one partition (one record per URL and minute), which also keeps its stream time moving every minute.
     */
    private static void topPages(KStream<String, PageViews> pageViews, AppContext context) {
        TopicSpec<String, TopPages> output = topPages(context);
        int size = context.get(ClickstreamSettings.TOP_PAGES_SIZE);
        Serde<PageViews> serde = context.internalSerde(PageViews.class);
        pageViews
                .selectKey((url, views) -> Long.toString(views.windowStart()), Named.as("clickstream-key-by-minute"))
                .repartition(Repartitioned.<String, PageViews>as("clickstream-by-minute")
                        .withKeySerde(Serdes.String()).withValueSerde(serde).withNumberOfPartitions(1))
                .groupByKey(Grouped.with(Serdes.String(), serde))
                .windowedBy(WindowSpecs.tumbling(MINUTE, context.get(ClickstreamSettings.TOP_PAGES_GRACE)))
                .aggregate(() -> TopN.<String>empty(size), (minute, views, top) -> top.with(views.url(), views.views()),
                        Named.as("clickstream-rank-pages"),
                        Materialized.<String, TopN<String>, WindowStore<Bytes, byte[]>>as(TOP_PAGES_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(rankingSerde()))
                .suppress(Suppressed.<Windowed<String>>untilWindowCloses(BufferConfig.unbounded())
                        .withName("clickstream-top-pages-until-closed"))
                .toStream(Named.as("clickstream-closed-top-pages"))
                .map((window, top) -> KeyValue.pair(window.key(), TopPages.of(window.window().start(), window.window().end(), top)),
                        Named.as("clickstream-to-top-pages"))
                .to(output.name(), output.produced("clickstream-top-pages-sink"));
    }

    /** One summary per session, once the inactivity gap and the grace have passed after its last event. */
    private static KStream<String, SessionSummary> sessions(KStream<String, ClickEvent> events, AppContext context) {
        TopicSpec<String, SessionSummary> output = sessions(context);
        Duration gap = context.get(ClickstreamSettings.SESSION_GAP);
        Duration grace = context.get(ClickstreamSettings.SESSION_GRACE);
        KStream<String, SessionSummary> closed = events
                .groupByKey(Grouped.with(Serdes.String(), context.internalSerde(ClickEvent.class)))
                .windowedBy(WindowSpecs.session(gap, grace))
                // open sessions wait in the RocksDB store, not in a suppression buffer on the heap: one per active
                // user, a million of which would not fit a heap of sensible size (docs/benchmarks/reading.md)
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(SessionTally::empty, (user, event, tally) -> tally.add(event),
                        (user, left, right) -> left.merge(right), Named.as("clickstream-build-sessions"),
                        Materialized.<String, SessionTally, SessionStore<Bytes, byte[]>>as(SESSION_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(SessionTally.class))
                                // Streams drops a session's store segment as soon as the event time passes its close,
                                // and may do so before it looks for the sessions to emit: keep them well past it
                                .withRetention(gap.plus(grace).plus(
                                        context.get(ClickstreamSettings.SESSION_KEPT_AFTER_CLOSE))))
                .toStream(Named.as("clickstream-closed-sessions"))
                .map((window, tally) -> KeyValue.pair(window.key(), tally.toSummary(window.key())),
                        Named.as("clickstream-to-sessions"));
        closed.to(output.name(), output.produced("clickstream-sessions-sink"));
        return closed;
    }

    /**
     * Closed sessions per funnel stage per hour, counting each session in the hour of its last event: a session's
     * record carries that time, and it is known only once the session has closed.
     */
    private static void funnel(KStream<String, SessionSummary> sessions, AppContext context) {
        TopicSpec<String, FunnelCounts> output = funnel(context);
        Serde<SessionSummary> serde = context.internalSerde(SessionSummary.class);
        sessions
                .selectKey((user, session) -> Long.toString(session.sessionEnd() - session.sessionEnd() % HOUR.toMillis()),
                        Named.as("clickstream-key-by-hour"))
                .repartition(Repartitioned.<String, SessionSummary>as("clickstream-by-hour")
                        .withKeySerde(Serdes.String()).withValueSerde(serde).withNumberOfPartitions(1))
                .groupByKey(Grouped.with(Serdes.String(), serde))
                .windowedBy(WindowSpecs.tumbling(HOUR, context.get(ClickstreamSettings.FUNNEL_GRACE)))
                .aggregate(FunnelTally::empty, (hour, session, tally) -> tally.add(session),
                        Named.as("clickstream-count-funnel"),
                        Materialized.<String, FunnelTally, WindowStore<Bytes, byte[]>>as(FUNNEL_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(FunnelTally.class)))
                .suppress(Suppressed.<Windowed<String>>untilWindowCloses(BufferConfig.unbounded())
                        .withName("clickstream-funnel-until-closed"))
                .toStream(Named.as("clickstream-closed-funnel"))
                .map((window, tally) -> KeyValue.pair(window.key(),
                                tally.toCounts(window.window().start(), window.window().end())),
                        Named.as("clickstream-to-funnel"))
                .to(output.name(), output.produced("clickstream-funnel-sink"));
    }

    /** Bot alerts straight from the events, with each user's recent activity in a store. */
    private static void bots(StreamsBuilder builder, KStream<String, ClickEvent> events, AppContext context) {
        TopicSpec<String, BotAlert> output = botAlerts(context);
        BotDetector detector = new BotDetector(BotRules.of(context.get(BOT_MAX_EVENTS), context.get(BOT_WINDOW),
                context.get(BOT_COOLDOWN), context.get(BOT_AGENTS)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOT_STORE),
                        Serdes.String(), JsonSerde.of(UserActivity.class))
                .withCachingEnabled());
        events.processValues(() -> new BotWatch(detector, BOT_STORE), Named.as("clickstream-detect-bots"), BOT_STORE)
                .to(output.name(), output.produced("clickstream-bot-alerts-sink"));
    }
}
