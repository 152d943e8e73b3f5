package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.FunnelStage;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.clickstream.TopPages.PageCount;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.testing.TopologyHarness;
import io.streamsuite.topologies.watermark.SourcePartitions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The production topology, configured through the production config path, in a TopologyTestDriver. */
class ClickstreamAppTest {

    /** A minute boundary: window starts are multiples of the window size since the epoch. */
    private static final long T0 = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    /**
     * A user whose page views of one URL only move stream time forward. Page views are counted after a re-key by
     * URL, so only page views move the stream time that closes their windows.
     */
    private static final String CLOCK = "clock";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";

    private final AtomicLong ids = new AtomicLong();
    /** The instance's clock as in live traffic: at the newest event sent. */
    private final AtomicLong now = new AtomicLong(T0);
    private final Clock clock = new Clock() {
        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };
    private TopologyHarness harness;
    private TestInputTopic<String, ClickEvent> events;
    private TestOutputTopic<String, PageViews> pageViews;
    private TestOutputTopic<String, TopPages> topPages;
    private TestOutputTopic<String, SessionSummary> sessions;
    private TestOutputTopic<String, FunnelCounts> funnel;
    private TestOutputTopic<String, BotAlert> botAlerts;

    private void start(Map<String, String> properties) {
        harness = TopologyHarness.of(new ClickstreamApp(clock, SourcePartitions.fixed(1)), properties);
        events = harness.input(ClickstreamApp.events(harness.context()));
        pageViews = harness.output(ClickstreamApp.pageViews(harness.context()));
        topPages = harness.output(ClickstreamApp.topPages(harness.context()));
        sessions = harness.output(ClickstreamApp.sessions(harness.context()));
        funnel = harness.output(ClickstreamApp.funnel(harness.context()));
        botAlerts = harness.output(ClickstreamApp.botAlerts(harness.context()));
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ClickEvent event(String user, String type, String url, long time, String agent) {
        return new ClickEvent("e" + ids.incrementAndGet(), user, type, url, null, agent, "10.0.0.1", time);
    }

    private void view(String user, String url, long time) {
        send(event(user, "PAGE_VIEW", url, time, BROWSER));
    }

    private void act(String user, String type, long time) {
        send(event(user, type, null, time, BROWSER));
    }

    private void send(ClickEvent event) {
        now.accumulateAndGet(event.timestamp(), Math::max);
        events.pipeInput(event.userId(), event);
    }

    /** Moves stream time to {@code time} with an event that the checked outputs leave out. */
    private void advanceTo(long time) {
        view(CLOCK, "/" + CLOCK, time);
    }

    private List<SessionSummary> closedSessions() {
        return sessions.readValuesToList().stream().filter(s -> !s.userId().equals(CLOCK)).toList();
    }

    private List<PageViews> closedPageViews() {
        return pageViews.readValuesToList().stream().filter(views -> !views.url().equals("/" + CLOCK)).toList();
    }

    /** The rankings of windows that the clock did not touch. */
    private List<TopPages> rankings() {
        return topPages.readValuesToList().stream()
                .filter(top -> top.pages().stream().noneMatch(page -> page.url().equals("/" + CLOCK)))
                .toList();
    }

    @Nested
    class PageViewCounts {

        @Test
        void countsViewsAndDistinctVisitorsPerUrlAndMinuteWithTheEdgesInTheRightWindow() {
            start();
            view("u1", "/a", T0);
            view("u2", "/a", T0 + MINUTE - 1);
            view("u1", "/a", T0 + 30 * SECOND);
            view("u3", "/b", T0 + 10 * SECOND);
            view("u1", "/a", T0 + MINUTE);
            advanceTo(T0 + 2 * MINUTE + 30 * SECOND);

            assertThat(closedPageViews()).containsExactlyInAnyOrder(
                    new PageViews("/a", T0, T0 + MINUTE, 3, 2),
                    new PageViews("/b", T0, T0 + MINUTE, 1, 1),
                    new PageViews("/a", T0 + MINUTE, T0 + 2 * MINUTE, 1, 1));
        }

        @Test
        void aWindowIsEmittedOnceWhenItsGraceIsOverAndTakesLateViewsUntilThen() {
            start();
            view("u1", "/a", T0 + 5 * SECOND);
            advanceTo(T0 + MINUTE + 29 * SECOND);
            assertThat(closedPageViews()).as("the 30 s grace is not over").isEmpty();

            view("u2", "/a", T0 + 59 * SECOND);
            advanceTo(T0 + MINUTE + 30 * SECOND);
            assertThat(closedPageViews()).containsExactly(new PageViews("/a", T0, T0 + MINUTE, 2, 2));

            double droppedBefore = droppedRecords();
            view("u3", "/a", T0 + 58 * SECOND);
            advanceTo(T0 + 5 * MINUTE);
            assertThat(closedPageViews()).as("too late: dropped, the window stays as emitted")
                    .isEmpty();
            assertThat(droppedRecords() - droppedBefore).as("the late view, in Streams' dropped-records-total")
                    .isEqualTo(1.0);
        }

        /** Streams' {@code dropped-records-total} summed over the tasks. */
        private double droppedRecords() {
            return harness.driver().metrics().entrySet().stream()
                    .filter(metric -> metric.getKey().group().equals("stream-task-metrics")
                            && metric.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                    .sum();
        }

        @Test
        void theGraceIsConfigurable() {
            start(Map.of("clickstream.page-views.grace", "0s"));
            view("u1", "/a", T0);
            advanceTo(T0 + MINUTE);
            assertThat(closedPageViews()).hasSize(1);
        }
    }

    @Nested
    class TopPagesPerMinute {

        @Test
        void ranksByViewsThenUrlAndKeepsTheTopTen() {
            start();
            // /p00 .. /p11 with 12 views down to 1; /tie-b and /tie-a share 5
            for (int page = 0; page < 12; page++) {
                for (int v = 0; v < 12 - page; v++) {
                    view("u" + v, String.format("/p%02d", page), T0 + page * SECOND + v);
                }
            }
            for (int v = 0; v < 5; v++) {
                view("t" + v, "/tie-b", T0 + 20 * SECOND + v);
                view("t" + v, "/tie-a", T0 + 21 * SECOND + v);
            }
            // page views of the minute close at +1m30s; their ranking a minute of grace later
            advanceTo(T0 + 2 * MINUTE + 30 * SECOND);
            advanceTo(T0 + 4 * MINUTE);

            List<TopPages> ranked = rankings();
            assertThat(ranked).hasSize(1);
            TopPages top = ranked.get(0);
            assertThat(top.windowStart()).isEqualTo(T0);
            assertThat(top.windowEnd()).isEqualTo(T0 + MINUTE);
            assertThat(top.pages()).containsExactly(
                    new PageCount("/p00", 12), new PageCount("/p01", 11), new PageCount("/p02", 10),
                    new PageCount("/p03", 9), new PageCount("/p04", 8), new PageCount("/p05", 7),
                    new PageCount("/p06", 6), new PageCount("/p07", 5), new PageCount("/tie-a", 5),
                    new PageCount("/tie-b", 5));
        }

        @Test
        void theKeyIsTheWindowStartAndTheSizeIsConfigurable() {
            start(Map.of("clickstream.top-pages.size", "1"));
            view("u1", "/a", T0);
            view("u2", "/b", T0 + 1);
            view("u3", "/b", T0 + 2);
            advanceTo(T0 + 2 * MINUTE);
            advanceTo(T0 + 4 * MINUTE);
            var records = topPages.readRecordsToList().stream()
                    .filter(record -> record.key().equals(Long.toString(T0))).toList();
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(Long.toString(T0));
                assertThat(record.value().pages()).containsExactly(new PageCount("/b", 2));
            });
        }
    }

    @Nested
    class Sessions {

        @Test
        void aSessionSummaryHasEveryField() {
            start();
            view("u1", "/home", T0);
            act("u1", "CLICK", T0 + 10 * SECOND);
            view("u1", "/products/7", T0 + MINUTE);
            act("u1", "ADD_TO_CART", T0 + 2 * MINUTE);
            view("u1", "/cart", T0 + 3 * MINUTE);
            act("u1", "CHECKOUT", T0 + 4 * MINUTE);
            act("u1", "PURCHASE", T0 + 5 * MINUTE);
            advanceTo(T0 + 5 * MINUTE + 31 * MINUTE + MINUTE);

            assertThat(closedSessions()).containsExactly(new SessionSummary("u1", T0, T0 + 5 * MINUTE,
                    5 * MINUTE, 7, 3, "/home", "/cart", false, true, FunnelStage.PURCHASE));
        }

        @Test
        void moreThanThirtyMinutesOfSilenceSplitsASessionAndExactlyThirtyDoesNot() {
            start();
            view("u1", "/a", T0);
            view("u1", "/b", T0 + 30 * MINUTE);
            view("u1", "/c", T0 + 60 * MINUTE + 1);
            advanceTo(T0 + 200 * MINUTE);

            assertThat(closedSessions()).containsExactly(
                    new SessionSummary("u1", T0, T0 + 30 * MINUTE, 30 * MINUTE, 2, 2, "/a", "/b", false, false,
                            FunnelStage.VIEW),
                    new SessionSummary("u1", T0 + 60 * MINUTE + 1, T0 + 60 * MINUTE + 1, 0, 1, 1, "/c", "/c",
                            true, false, FunnelStage.VIEW));
        }

        @Test
        void aLateEventBridgingTwoSessionsMergesThem() {
            start();
            view("u1", "/entry", T0);
            act("u1", "ADD_TO_CART", T0 + MINUTE);
            long exit = T0 + 31 * MINUTE + 30 * SECOND;
            view("u1", "/exit", exit);
            // 30.5 min after the cart: a session of its own; the first one closes at +32 min (gap and grace)
            view("u1", "/middle", T0 + 16 * MINUTE);
            advanceTo(T0 + 200 * MINUTE);

            assertThat(closedSessions()).containsExactly(new SessionSummary("u1", T0, exit, exit - T0, 4, 3,
                    "/entry", "/exit", false, false, FunnelStage.CART));
        }

        @Test
        void hoursWithoutEventsThenOneClosesEverySessionOpenBeforeThem() {
            start();
            long quietFrom = T0 - 20 * 60 * MINUTE;
            view("u1", "/a", quietFrom);
            view("u2", "/b", quietFrom + MINUTE);
            advanceTo(T0);

            assertThat(closedSessions()).extracting(SessionSummary::userId).containsExactly("u1", "u2");
        }

        @Test
        void aSessionWithoutPageViewsHasNoEntryOrExitPage() {
            start();
            act("u1", "CLICK", T0);
            advanceTo(T0 + 40 * MINUTE);
            assertThat(closedSessions()).singleElement().satisfies(session -> {
                assertThat(session.entryPage()).isNull();
                assertThat(session.exitPage()).isNull();
                assertThat(session.bounced()).isFalse();
                assertThat(session.pageViews()).isZero();
            });
        }
    }

    @Test
    void theFunnelCountsClosedSessionsPerStageInTheHourTheyEnded() {
        start();
        view("bounce", "/a", T0 + MINUTE);
        view("cart", "/a", T0 + 2 * MINUTE);
        act("cart", "ADD_TO_CART", T0 + 3 * MINUTE);
        act("checkout", "CHECKOUT", T0 + 4 * MINUTE);
        act("buyer", "ADD_TO_CART", T0 + 5 * MINUTE);
        act("buyer", "PURCHASE", T0 + 6 * MINUTE);
        view("next-hour", "/a", T0 + 61 * MINUTE);
        // sessions close 31 min after their last event; the hour closes 5 min after its end; a session that
        // checked out or purchased also counts as having carted
        advanceTo(T0 + 3 * 60 * MINUTE);
        advanceTo(T0 + 5 * 60 * MINUTE);

        List<FunnelCounts> counted = funnel.readValuesToList();
        assertThat(counted).contains(new FunnelCounts(T0, T0 + 60 * MINUTE, 4, 3, 2, 1));
        assertThat(counted).filteredOn(counts -> counts.windowStart() == T0 + 60 * MINUTE)
                .singleElement().satisfies(counts -> assertThat(counts.views()).isGreaterThanOrEqualTo(1));
    }

    @Nested
    class Bots {

        @Test
        void moreThanTwentyEventsWithinTenSecondsIsABotAndTwentyIsNot() {
            start();
            for (int i = 0; i < 20; i++) {
                act("fast", "CLICK", T0 + i * 500L);
            }
            assertThat(botAlerts.readValuesToList()).isEmpty();

            act("fast", "CLICK", T0 + 10 * SECOND);
            List<BotAlert> alerts = botAlerts.readValuesToList();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.userId()).isEqualTo("fast");
                assertThat(alert.eventCount()).isEqualTo(21);
                assertThat(alert.windowStart()).isEqualTo(T0);
                assertThat(alert.windowEnd()).isEqualTo(T0 + 10 * SECOND);
                assertThat(alert.reason()).isEqualTo("21 events within 10 s (limit 20)");
                assertThat(alert.detectedAt()).isEqualTo(TopologyHarness.START.toEpochMilli());
            });
        }

        @Test
        void aCrawlerOrHeadlessUserAgentIsABot() {
            start();
            send(event("crawler", "PAGE_VIEW", "/", T0, "Mozilla/5.0 (compatible; Googlebot/2.1)"));
            send(event("headless", "PAGE_VIEW", "/", T0, "Mozilla/5.0 HeadlessChrome/120.0.0.0 Safari/537.36"));
            send(event("person", "PAGE_VIEW", "/", T0, BROWSER));
            assertThat(botAlerts.readValuesToList()).extracting(BotAlert::userId, BotAlert::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("crawler",
                            "user agent 'Mozilla/5.0 (compatible; Googlebot/2.1)' matches 'bot'"),
                    org.assertj.core.groups.Tuple.tuple("headless",
                            "user agent 'Mozilla/5.0 HeadlessChrome/120.0.0.0 Safari/537.36' matches 'headless'"));
        }

        @Test
        void oneAlertPerUserPerTenMinutes() {
            start();
            String crawler = "Googlebot/2.1";
            send(event("c", "PAGE_VIEW", "/", T0, crawler));
            send(event("c", "PAGE_VIEW", "/", T0 + 10 * MINUTE - 1, crawler));
            assertThat(botAlerts.readValuesToList()).hasSize(1);
            send(event("c", "PAGE_VIEW", "/", T0 + 10 * MINUTE, crawler));
            assertThat(botAlerts.readValuesToList()).hasSize(1);
        }

        @Test
        void thePatternsAreConfigurableAndABrokenOneStopsTheApp() {
            start(Map.of("clickstream.bots.user-agents", "(?i)monitoring-probe"));
            send(event("probe", "CLICK", null, T0, "Monitoring-Probe/1"));
            send(event("crawler", "CLICK", null, T0, "Googlebot/2.1"));
            assertThat(botAlerts.readValuesToList()).extracting(BotAlert::userId).containsExactly("probe");

            Map<String, String> broken = Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                    "clickstream.bots.user-agents", "bot,(unclosed");
            assertThatThrownBy(() -> ConfiguredApp.of(new ClickstreamApp(), broken))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("clickstream.bots.user-agents");
        }
    }

    @Nested
    class Queries {

        @Test
        void theTopPagesAreTheLatestMinutesRanking() {
            start();
            assertThat(harness.ask("/pages/top").status()).as("before any ranking").isEqualTo(404);
            view("u1", "/a", T0);
            view("u2", "/b", T0 + 1);
            view("u3", "/b", T0 + 2);
            // the minute's counts close 30 s after it and go to the ranking, which is then queryable
            advanceTo(T0 + MINUTE + 30 * SECOND);

            TopologyHarness.JsonAnswer answer = harness.ask("/pages/top");

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().toString()).isEqualTo("{\"windowStart\":" + T0 + ",\"windowEnd\":" + (T0 + MINUTE)
                    + ",\"pages\":[{\"url\":\"/b\",\"views\":2},{\"url\":\"/a\",\"views\":1}]}");

            view("u4", "/c", T0 + 2 * MINUTE);
            advanceTo(T0 + 3 * MINUTE + 30 * SECOND);
            assertThat(harness.ask("/pages/top").body().path("windowStart").asLong()).as("a later minute replaces it")
                    .isEqualTo(T0 + 2 * MINUTE);
        }

        @Test
        void aUsersSessionIsTheirOpenOne() {
            start();
            view("u1", "/home", T0);
            act("u1", "ADD_TO_CART", T0 + MINUTE);
            view("u1", "/cart", T0 + 2 * MINUTE);

            TopologyHarness.JsonAnswer answer = harness.ask("/users/u1/session");

            assertThat(answer.status()).isEqualTo(200);
            JsonNode session = answer.body();
            assertThat(session.path("userId").asText()).isEqualTo("u1");
            assertThat(session.path("sessionStart").asLong()).isEqualTo(T0);
            assertThat(session.path("sessionEnd").asLong()).isEqualTo(T0 + 2 * MINUTE);
            assertThat(session.path("events").asLong()).isEqualTo(3);
            assertThat(session.path("pageViews").asLong()).isEqualTo(2);
            assertThat(session.path("funnelStage").asText()).isEqualTo("CART");

            view("u1", "/again", T0 + 40 * MINUTE);
            assertThat(harness.ask("/users/u1/session").body().path("sessionStart").asLong()).as("after 30 min of silence")
                    .isEqualTo(T0 + 40 * MINUTE);
            assertThat(harness.ask("/users/nobody/session").status()).isEqualTo(404);

            advanceTo(T0 + 40 * MINUTE + 31 * MINUTE + 1);
            assertThat(closedSessions()).hasSize(2);
            assertThat(harness.ask("/users/u1/session").status()).as("closed, though the store keeps it").isEqualTo(404);
        }

        @Test
        void botAlertsAreCountedBySignal() {
            start();
            for (int i = 0; i <= 20; i++) {
                act("fast", "CLICK", T0 + i * 100L);
            }
            send(event("crawler", "PAGE_VIEW", "/", T0, "Googlebot/2.1"));
            send(event("crawler", "PAGE_VIEW", "/", T0 + 1, "Googlebot/2.1"));
            assertThat(botAlertCount("EVENT_RATE")).isEqualTo(1);
            assertThat(botAlertCount("USER_AGENT")).as("once per cooldown").isEqualTo(1);
        }

        private Double botAlertCount(String signal) {
            for (Map.Entry<MetricName, ? extends Metric> metric : harness.driver().metrics().entrySet()) {
                MetricName name = metric.getKey();
                if (name.group().equals("stream-clickstream-metrics") && name.name().equals("bot-alerts-total")
                        && signal.equals(name.tags().get("signal"))) {
                    return (Double) metric.getValue().metricValue();
                }
            }
            return null;
        }
    }

    @Test
    void invalidAndUndecodableEventsAreDeadLetteredAndTheNextGoodOneCounts() {
        start();
        send(new ClickEvent("e1", "u1", "PAGE_VIEW", null, null, BROWSER, null, T0));
        send(new ClickEvent("e2", "u1", "SCROLL", "/a", null, BROWSER, null, T0));
        harness.rawInput("clickstream-events").pipeInput("u1".getBytes(StandardCharsets.UTF_8),
                "{\"eventId\": \"e3\", \"userId\": ".getBytes(StandardCharsets.UTF_8));
        view("u1", "/a", T0 + 1);
        advanceTo(T0 + 2 * MINUTE);

        assertThat(harness.deadLettered("clickstream-events", DeadLetterCounter.INVALID)).isEqualTo(2);
        assertThat(harness.deadLettered("clickstream-events", DeadLetterCounter.UNDECODABLE)).isEqualTo(1);
        assertThat(closedPageViews()).containsExactly(new PageViews("/a", T0, T0 + MINUTE, 1, 1));
    }

    @Test
    void fieldsLongerThanTheirConfiguredLimitsAreDeadLettered() {
        start(Map.of("clickstream.events.max-url-length", "20"));
        view("u1", "/" + "a".repeat(20), T0);
        view("u1", "/ok", T0 + 1);
        advanceTo(T0 + 2 * MINUTE);

        assertThat(harness.deadLettered("clickstream-events", DeadLetterCounter.INVALID)).isEqualTo(1);
        assertThat(closedPageViews()).containsExactly(new PageViews("/ok", T0, T0 + MINUTE, 1, 1));
    }

    @Test
    void anEventStampedFarAheadOfTheClockIsDeadLetteredInsteadOfClosingEveryWindow() {
        start();
        long now = System.currentTimeMillis();
        view("u1", "/a", T0 + 5 * SECOND);
        view("u2", "/a", now + Duration.ofDays(1).toMillis());
        view("u3", "/a", T0 + 10 * SECOND);
        advanceTo(T0 + MINUTE + 30 * SECOND);

        assertThat(harness.deadLettered("clickstream-events", DeadLetterCounter.FUTURE)).isEqualTo(1);
        assertThat(closedPageViews()).as("the minute stayed open for u3's view")
                .containsExactly(new PageViews("/a", T0, T0 + MINUTE, 2, 2));

        view("u4", "/b", now + 30 * SECOND);
        assertThat(harness.deadLettered("clickstream-events", DeadLetterCounter.FUTURE))
                .as("30 s ahead is within event.time.max-future").isEqualTo(1);
    }

    @Test
    void aListOfInputTopicsIsReadAsOneStream() {
        start(Map.of("topic.clickstream-events", "clicks-views, clicks-carts"));
        var spec = ClickstreamApp.events(harness.context());
        var views = harness.driver().createInputTopic("clicks-views", spec.keySerde().serializer(),
                spec.valueSerde().serializer());
        var carts = harness.driver().createInputTopic("clicks-carts", spec.keySerde().serializer(),
                spec.valueSerde().serializer());
        views.pipeInput("u1", event("u1", "PAGE_VIEW", "/p", T0, BROWSER));
        carts.pipeInput("u1", event("u1", "ADD_TO_CART", null, T0 + MINUTE, BROWSER));
        views.pipeInput(CLOCK, event(CLOCK, "PAGE_VIEW", "/" + CLOCK, T0 + 40 * MINUTE, BROWSER));

        assertThat(closedSessions()).singleElement().satisfies(session -> {
            assertThat(session.events()).isEqualTo(2);
            assertThat(session.funnelStage()).isEqualTo(FunnelStage.CART);
        });
    }

    @Test
    void eventsKeyedOtherwiseAreReKeyedByUser() {
        start();
        for (int i = 0; i < 21; i++) {
            ClickEvent click = event("u1", "CLICK", null, T0 + i * 100L, BROWSER);
            events.pipeInput(i % 2 == 0 ? "u1" : null, click);
        }
        assertThat(botAlerts.readRecordsToList()).singleElement()
                .satisfies(alert -> assertThat(alert.key()).isEqualTo("u1"));
    }
}
