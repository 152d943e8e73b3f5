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
import io.streamsuite.topologies.watermark.MarkPartitioner;
import io.streamsuite.topologies.watermark.PartialOrMark;
import io.streamsuite.topologies.watermark.PartialOrMarkSerde;
import io.streamsuite.topologies.watermark.SourcePartitions;
import io.streamsuite.topologies.watermark.WatermarkMerge;
import io.streamsuite.topologies.watermark.WindowPartials;
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

    /** Page views and visitors per URL and minute in an input task, until the task's event time closes them. */
    public static final String PAGE_VIEW_PARTIALS_STORE = "clickstream-page-view-partials-store";
    /** Page views and visitors per URL and minute of all input partitions, until the last of them closes them. */
    public static final String PAGE_VIEWS_PENDING_STORE = "clickstream-page-views-pending";
    public static final String PAGE_VIEWS_MARKS_STORE = "clickstream-page-views-marks";
    /** The rankings per minute not emitted yet, queryable for the latest minute. */
    public static final String TOP_PAGES_STORE = "clickstream-top-pages-pending";
    public static final String TOP_PAGES_MARKS_STORE = "clickstream-top-pages-marks";
    /** Sessions per user, the open one included. */
    public static final String SESSION_STORE = "clickstream-sessions-store";
    public static final String FUNNEL_PARTIALS_STORE = "clickstream-funnel-partials-store";
    public static final String FUNNEL_STORE = "clickstream-funnel-pending";
    public static final String FUNNEL_MARKS_STORE = "clickstream-funnel-marks";

    /** Repartition topics, {@code <application.id>-<name>-repartition}. */
    static final String PAGE_VIEW_PARTIALS = "clickstream-page-view-partials";
    static final String TOP_PAGES_PARTIALS = "clickstream-top-pages-partials";
    static final String FUNNEL_PARTIALS = "clickstream-funnel-partials";
    /** The key of progress marks, which go to every partition whatever their key. */
    private static final String MARK_KEY = "";
    /** The funnel has one count per hour: all its partials share this key. */
    private static final String FUNNEL_KEY = "funnel";
    public static final String BOT_STORE = "clickstream-bot-activity";

    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);

    /** Tells which session is still open, for {@code GET /users/{userId}/session}. */
    private final Clock clock;
    /** How many input partitions the merges of the windowed outputs wait for. */
    private final SourcePartitions sources;

    public ClickstreamApp() {
        this(Clock.systemUTC(), SourcePartitions.fromMetadata());
    }

    /**
     * @param sources {@link SourcePartitions#fixed(int)} with 1 in a {@code TopologyTestDriver}
     */
    public ClickstreamApp(Clock clock, SourcePartitions sources) {
        this.clock = clock;
        this.sources = sources;
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
        return context.topic(EVENTS, Serdes.String(), context.inputSerde(ClickEvent.class, new ClickEventValidator(
                context.get(ClickstreamSettings.MAX_USER_ID_LENGTH), context.get(ClickstreamSettings.MAX_URL_LENGTH),
                context.get(ClickstreamSettings.MAX_USER_AGENT_LENGTH))));
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

        topPages(builder, pageViews(builder, events, context), context);
        // the ticks of the funnel must follow the session windows among the children of the events
        KStream<String, SessionSummary> sessions = sessions(events, context);
        funnel(builder, sessions, events, context);
        bots(builder, events, context);
        return builder.build();
    }

    /**
     * Views and visitors per URL per minute. Each input task counts its own page views per URL and minute and, when
     * its own event time has passed the minute's end plus the grace, sends its count by URL, with a mark to every
     * partition; the merge per URL emits the minute once every input partition's mark has passed it.
     */
    private KStream<String, PartialOrMark<PageViewTally>> pageViews(StreamsBuilder builder,
                                                                   KStream<String, ClickEvent> events,
                                                                   AppContext context) {
        TopicSpec<String, PageViews> output = pageViews(context);
        Serde<PageViewTally> tally = JsonSerde.of(PageViewTally.class);
        WindowPartials.Spec<String, ClickEvent, PageViewTally> counting = new WindowPartials.Spec<>(
                PAGE_VIEW_PARTIALS_STORE, MINUTE, context.get(ClickstreamSettings.PAGE_VIEWS_GRACE), MINUTE,
                context.get(ClickstreamSettings.IDLE_TIMEOUT), ClickEvent::url, PageViewTally::empty,
                PageViewTally::add, Serdes.String(), tally, MARK_KEY);
        builder.addStateStore(WindowPartials.store(PAGE_VIEW_PARTIALS_STORE));
        addMergeStores(builder, PAGE_VIEWS_PENDING_STORE, PAGE_VIEWS_MARKS_STORE);
        KStream<String, PartialOrMark<PageViewTally>> merged = events
                .filter((user, event) -> event.eventType() == EventType.PAGE_VIEW,
                        Named.as("clickstream-page-views-only"))
                .process(WindowPartials.supplier(counting), Named.as("clickstream-count-page-views"),
                        PAGE_VIEW_PARTIALS_STORE)
                .repartition(byKeyAndMarksToAll(PAGE_VIEW_PARTIALS, tally))
                .process(() -> new WatermarkMerge<>(new WatermarkMerge.Spec<>(PAGE_VIEWS_PENDING_STORE,
                                PAGE_VIEWS_MARKS_STORE, repartitionTopic(context, PAGE_VIEW_PARTIALS), sources, 0,
                                PageViewTally::empty, PageViewTally::merge, Serdes.String(), tally, MARK_KEY)),
                        Named.as("clickstream-merge-page-views"), PAGE_VIEWS_PENDING_STORE, PAGE_VIEWS_MARKS_STORE);
        merged.filter((url, window) -> window instanceof PartialOrMark.Partial<PageViewTally>,
                        Named.as("clickstream-closed-page-views"))
                .mapValues((url, window) -> {
                    PartialOrMark.Partial<PageViewTally> closed = (PartialOrMark.Partial<PageViewTally>) window;
                    return closed.value().toPageViews(url, closed.windowStart(), closed.windowEnd());
                }, Named.as("clickstream-to-page-views"))
                .to(output.name(), output.produced("clickstream-page-views-sink"));
        return merged;
    }

    /**
     * The most viewed URLs of each minute, from the closed counts of every URL merge, in one partition (for the
     * {@code /pages/top} query), emitted once the marks of every URL merge have passed the minute plus the grace.
     */
    private void topPages(StreamsBuilder builder, KStream<String, PartialOrMark<PageViewTally>> pageViews,
                          AppContext context) {
        TopicSpec<String, TopPages> output = topPages(context);
        int size = context.get(ClickstreamSettings.TOP_PAGES_SIZE);
        Serde<PageViews> views = context.internalSerde(PageViews.class);
        addMergeStores(builder, TOP_PAGES_STORE, TOP_PAGES_MARKS_STORE);
        pageViews
                .map((url, window) -> window instanceof PartialOrMark.Partial<PageViewTally> closed
                                ? KeyValue.pair(Long.toString(closed.windowStart()), PartialOrMark.<PageViews>partial(
                                        closed.windowStart(), closed.windowEnd(),
                                        closed.value().toPageViews(url, closed.windowStart(), closed.windowEnd())))
                                : KeyValue.pair(MARK_KEY,
                                        ((PartialOrMark.Mark<PageViewTally>) window).<PageViews>retyped()),
                        Named.as("clickstream-key-by-minute"))
                .repartition(byKeyAndMarksToAll(TOP_PAGES_PARTIALS, views).withNumberOfPartitions(1))
                .process(() -> new WatermarkMerge<>(new WatermarkMerge.Spec<String, PageViews, TopN<String>>(
                                TOP_PAGES_STORE, TOP_PAGES_MARKS_STORE, repartitionTopic(context, PAGE_VIEW_PARTIALS),
                                sources, context.get(ClickstreamSettings.TOP_PAGES_GRACE).toMillis(),
                                () -> TopN.empty(size), (top, page) -> top.with(page.url(), page.views()),
                                Serdes.String(), rankingSerde(), MARK_KEY)),
                        Named.as("clickstream-rank-pages"), TOP_PAGES_STORE, TOP_PAGES_MARKS_STORE)
                .flatMapValues((minute, window) -> window instanceof PartialOrMark.Partial<TopN<String>> closed
                                ? List.of(TopPages.of(closed.windowStart(), closed.windowEnd(), closed.value()))
                                : List.<TopPages>of(),
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
     * Closed sessions per funnel stage per hour, counting each session in the hour of its last event. Each input task
     * counts the sessions it closes; an hour is over for the task once its event time has passed the hour's end plus
     * the inactivity gap and the session grace, because every session ending in the hour has closed by then. The
     * events move that time on as ticks, after the session windows have seen them, so the sessions an event closes
     * are always counted before the tick that may close their hour.
     */
    private void funnel(StreamsBuilder builder, KStream<String, SessionSummary> sessions,
                        KStream<String, ClickEvent> events, AppContext context) {
        TopicSpec<String, FunnelCounts> output = funnel(context);
        Serde<FunnelTally> tally = JsonSerde.of(FunnelTally.class);
        Duration closeAfter = context.get(ClickstreamSettings.SESSION_GAP)
                .plus(context.get(ClickstreamSettings.SESSION_GRACE));
        WindowPartials.Spec<String, SessionSummary, FunnelTally> counting = new WindowPartials.Spec<>(
                FUNNEL_PARTIALS_STORE, HOUR, closeAfter, MINUTE, context.get(ClickstreamSettings.IDLE_TIMEOUT),
                session -> FUNNEL_KEY, FunnelTally::empty, FunnelTally::add, Serdes.String(), tally, MARK_KEY);
        builder.addStateStore(WindowPartials.store(FUNNEL_PARTIALS_STORE));
        addMergeStores(builder, FUNNEL_STORE, FUNNEL_MARKS_STORE);
        KStream<String, SessionSummary> ticks = events.mapValues(event -> (SessionSummary) null,
                Named.as("clickstream-funnel-ticks"));
        sessions.merge(ticks, Named.as("clickstream-sessions-and-ticks"))
                .process(WindowPartials.supplier(counting), Named.as("clickstream-count-funnel"),
                        FUNNEL_PARTIALS_STORE)
                .repartition(byKeyAndMarksToAll(FUNNEL_PARTIALS, tally))
                .process(() -> new WatermarkMerge<>(new WatermarkMerge.Spec<>(FUNNEL_STORE, FUNNEL_MARKS_STORE,
                                repartitionTopic(context, FUNNEL_PARTIALS), sources,
                                context.get(ClickstreamSettings.FUNNEL_GRACE).toMillis(), FunnelTally::empty,
                                FunnelTally::merge, Serdes.String(), tally, MARK_KEY)),
                        Named.as("clickstream-merge-funnel"), FUNNEL_STORE, FUNNEL_MARKS_STORE)
                .flatMap((key, window) -> window instanceof PartialOrMark.Partial<FunnelTally> closed
                                ? List.of(KeyValue.pair(Long.toString(closed.windowStart()),
                                        closed.value().toCounts(closed.windowStart(), closed.windowEnd())))
                                : List.<KeyValue<String, FunnelCounts>>of(),
                        Named.as("clickstream-to-funnel"))
                .to(output.name(), output.produced("clickstream-funnel-sink"));
    }

    private static void addMergeStores(StreamsBuilder builder, String pending, String marks) {
        builder.addStateStore(WatermarkMerge.pendingStore(pending));
        builder.addStateStore(WatermarkMerge.marksStore(marks));
    }

    private static <V> Repartitioned<String, PartialOrMark<V>> byKeyAndMarksToAll(String name, Serde<V> serde) {
        return Repartitioned.<String, PartialOrMark<V>>as(name).withKeySerde(Serdes.String())
                .withValueSerde(new PartialOrMarkSerde<>(serde)).withStreamPartitioner(new MarkPartitioner<>());
    }

    /** The topic Kafka Streams names for a repartition: its partition count is the number of tasks writing to it. */
    private static String repartitionTopic(AppContext context, String name) {
        return context.applicationId() + "-" + name + "-repartition";
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
