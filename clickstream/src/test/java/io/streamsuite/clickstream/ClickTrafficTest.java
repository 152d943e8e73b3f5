package io.streamsuite.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.clickstream.ClickTraffic.Expectations;
import io.streamsuite.clickstream.ClickTraffic.Kind;
import io.streamsuite.clickstream.TopPages.PageCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClickTrafficTest {

    private static final Instant START = Instant.parse("2026-11-21T06:00:00Z");
    private static final int USERS = 150;
    private static final ClickTraffic TRAFFIC = ClickTraffic.generate(7, USERS, START);

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    /** A minute-aligned and hour-aligned time for the hand-built cases. */
    private static final long T = START.toEpochMilli();
    private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 "
            + "Firefox/121.0";

    // ---- the generated traffic ----

    @Test
    void theSameSeedGivesTheSameTraffic() {
        ClickTraffic again = ClickTraffic.generate(7, USERS, START);

        assertThat(again.events()).isEqualTo(TRAFFIC.events());
        assertThat(again.kinds()).isEqualTo(TRAFFIC.kinds());
        assertThat(again.expectations()).isEqualTo(TRAFFIC.expectations());
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        ClickTraffic other = ClickTraffic.generate(8, USERS, START);

        assertThat(other.events()).isNotEqualTo(TRAFFIC.events());
        assertThat(other.kinds()).isNotEqualTo(TRAFFIC.kinds());
    }

    @Test
    void tooFewUsersForTheBotsAreRefused() {
        assertThatThrownBy(() -> ClickTraffic.generate(7, 2 * ClickTraffic.BOT_USERS - 1, START))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSizeIsAFewThousandEventsOverAFewHours() {
        List<ClickEvent> events = TRAFFIC.events();
        Map<Kind, Long> usersPerKind = TRAFFIC.kinds().values().stream()
                .collect(Collectors.groupingBy(Function.identity(), () -> new EnumMap<>(Kind.class),
                        Collectors.counting()));

        assertThat(events).hasSizeBetween(2000, 8000);
        assertThat(TRAFFIC.kinds()).hasSize(USERS);
        assertThat(events).extracting(ClickEvent::userId).containsOnly(TRAFFIC.kinds().keySet().toArray(String[]::new));
        usersPerKind.forEach((kind, count) -> assertThat(count).as("%s users", kind)
                .isEqualTo(kind.isBot() ? ClickTraffic.USERS_PER_BOT_KIND : USERS - ClickTraffic.BOT_USERS));
        assertThat(usersPerKind).containsOnlyKeys(Kind.values());
        assertThat(TRAFFIC.lastEventTime() - events.get(0).timestamp())
                .isBetween(2 * 60 * MINUTE, 5 * 60 * MINUTE);
        assertThat(TRAFFIC.expectedPageViews()).hasSizeGreaterThan(1000);
        assertThat(TRAFFIC.expectedTopPages()).hasSizeGreaterThan(120);
        assertThat(TRAFFIC.expectedSessions()).hasSizeBetween(USERS, ClickTraffic.MAX_SESSIONS_PER_USER * USERS);
        assertThat(TRAFFIC.expectedFunnel()).hasSizeBetween(3, 6);
    }

    @Test
    void eventsComeInEventTimeOrderWithReadableUniqueIds() {
        List<ClickEvent> events = TRAFFIC.events();

        assertThat(events).isSortedAccordingTo(Comparator.comparing(ClickEvent::timestamp));
        assertThat(events.get(0).timestamp()).isGreaterThanOrEqualTo(START.toEpochMilli());
        assertThat(TRAFFIC.lastEventTime()).isEqualTo(events.get(events.size() - 1).timestamp());
        assertThat(events).extracting(ClickEvent::eventId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("e-\\d{6}"))
                .first().isEqualTo("e-000001");
        assertThat(events).extracting(ClickEvent::userId).allMatch(id -> id.matches("user-\\d{4}"));
    }

    @Test
    void noUserHasTwoEventsInTheSameMillisecond() {
        assertThat(byUser(TRAFFIC.events())).allSatisfy((user, own) -> assertThat(own)
                .extracting(ClickEvent::timestamp).as(user).doesNotHaveDuplicates());
    }

    @Test
    void everyEventIsValidPerTheContract() {
        List<String> types = Arrays.stream(EventType.values()).map(Enum::name).toList();

        assertThat(TRAFFIC.events()).allSatisfy(event -> {
            assertThat(event.eventId()).isNotBlank();
            assertThat(event.userId()).isNotBlank();
            assertThat(event.type()).isIn(types);
            assertThat(event.timestamp()).isNotNull();
            if (event.eventType() == EventType.PAGE_VIEW) {
                assertThat(event.url()).as(event.eventId()).isNotNull();
            }
            if (event.url() != null) {
                assertThat(event.url()).isIn(ClickTraffic.SITE);
            }
            assertThat(event.userAgent()).isNotBlank();
            assertThat(event.ip()).isNotBlank();
        });
        assertThat(TRAFFIC.events()).extracting(ClickEvent::type).containsAll(types);
        // clicks may or may not say where they happened
        assertThat(TRAFFIC.events()).filteredOn(e -> e.eventType() == EventType.CLICK)
                .extracting(ClickEvent::url).containsNull().anyMatch(Objects::nonNull);
        assertThat(ClickTraffic.SITE).hasSizeBetween(35, 45).doesNotHaveDuplicates();
    }

    @Test
    void ordinaryUsersBrowseLikePeople() {
        Map<String, List<ClickEvent>> byUser = byUser(TRAFFIC.events());

        for (String user : usersOf(Kind.ORDINARY)) {
            List<ClickEvent> own = byUser.get(user);
            assertThat(own).as(user).allSatisfy(event -> {
                assertThat(ClickTraffic.looksLikeBot(event.userAgent())).isFalse();
                assertThat(event.userAgent()).containsAnyOf("Firefox/", "Chrome/", "Safari/");
            });
            assertThat(maxEventsWithin(own, ClickTraffic.BOT_SPAN_MS)).as(user).isLessThanOrEqualTo(20);
            List<ClickEvent> pageViews = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                ClickEvent event = own.get(i);
                boolean startsSession = i == 0
                        || event.timestamp() - own.get(i - 1).timestamp() > ClickTraffic.SESSION_GAP_MS;
                if (startsSession) {
                    assertThat(i == 0 || event.timestamp() - own.get(i - 1).timestamp()
                            >= ClickTraffic.MIN_SESSION_SPACING_MS).as("%s spacing", user).isTrue();
                    assertThat(event.eventType()).isEqualTo(EventType.PAGE_VIEW);
                    pageViews.clear();
                } else {
                    assertThat(event.referrer()).as("referrer after a session's first event").isNull();
                    // within a session nobody is idle for long
                    assertThat(event.timestamp() - own.get(i - 1).timestamp()).isLessThan(4 * MINUTE);
                }
                if (event.eventType() == EventType.PAGE_VIEW) {
                    if (!pageViews.isEmpty()) {
                        assertThat(event.timestamp() - pageViews.get(pageViews.size() - 1).timestamp())
                                .as("%s page gap", user).isBetween(5 * SECOND, 3 * MINUTE);
                    }
                    pageViews.add(event);
                }
            }
        }
        List<ClickEvent> ordinary = TRAFFIC.events().stream()
                .filter(e -> TRAFFIC.kinds().get(e.userId()) == Kind.ORDINARY).toList();
        assertThat(ordinary).extracting(ClickEvent::referrer).containsNull().anyMatch(Objects::nonNull);
    }

    @Test
    void sessionsDropOffAlongTheFunnel() {
        List<SessionSummary> ordinary = TRAFFIC.expectedSessions().stream()
                .filter(s -> TRAFFIC.kinds().get(s.userId()) == Kind.ORDINARY).toList();
        Map<FunnelStage, Long> byStage = ordinary.stream().collect(Collectors.groupingBy(
                SessionSummary::funnelStage, () -> new EnumMap<>(FunnelStage.class), Collectors.counting()));

        assertThat(byStage).containsOnlyKeys(FunnelStage.values());
        assertThat(byStage.get(FunnelStage.VIEW)).isGreaterThan(byStage.get(FunnelStage.CART));
        assertThat(byStage.get(FunnelStage.CART)).isGreaterThan(byStage.get(FunnelStage.CHECKOUT));
        assertThat(ordinary).filteredOn(SessionSummary::bounced).hasSizeBetween(ordinary.size() / 10,
                ordinary.size() / 3);
        assertThat(ordinary).filteredOn(SessionSummary::converted)
                .hasSize(byStage.get(FunnelStage.PURCHASE).intValue());
        assertThat(ordinary).extracting(SessionSummary::entryPage).doesNotContainNull().contains("/");
        assertThat(ordinary).filteredOn(SessionSummary::converted).extracting(SessionSummary::exitPage)
                .containsOnly(ClickTraffic.CONFIRMATION_PAGE);
        // per user 1 to 3 sessions
        assertThat(ordinary.stream().collect(Collectors.groupingBy(SessionSummary::userId, Collectors.counting())))
                .hasSize(USERS - ClickTraffic.BOT_USERS)
                .allSatisfy((user, count) -> assertThat(count).isBetween(1L, 3L));
    }

    // ---- the model on the generated traffic ----

    @Test
    void pageViewsCountEveryPageViewOnce() {
        List<PageViews> pageViews = TRAFFIC.expectedPageViews();
        long pageViewEvents = TRAFFIC.events().stream().filter(e -> e.eventType() == EventType.PAGE_VIEW).count();

        assertThat(pageViews.stream().mapToLong(PageViews::views).sum()).isEqualTo(pageViewEvents);
        assertThat(pageViews).allSatisfy(v -> {
            assertThat(v.windowStart() % ClickTraffic.PAGE_VIEW_WINDOW_MS).isZero();
            assertThat(v.windowEnd() - v.windowStart()).isEqualTo(ClickTraffic.PAGE_VIEW_WINDOW_MS);
            assertThat(v.uniqueVisitors()).isBetween(1L, v.views());
        });
        assertThat(pageViews).isSortedAccordingTo(
                Comparator.comparingLong(PageViews::windowStart).thenComparing(PageViews::url));
        assertThat(pageViews).extracting(v -> v.url() + "@" + v.windowStart()).doesNotHaveDuplicates();
        // repeat views by one user in a minute happen (bots, reloads), so the two counts differ somewhere
        assertThat(pageViews).anyMatch(v -> v.uniqueVisitors() < v.views());
    }

    @Test
    void topPagesAreTheMostViewedWithTiesByUrl() {
        Map<Long, List<PageViews>> byWindow = TRAFFIC.expectedPageViews().stream()
                .collect(Collectors.groupingBy(PageViews::windowStart));
        Comparator<PageCount> order = Comparator.comparingLong(PageCount::views).reversed()
                .thenComparing(PageCount::url);

        assertThat(TRAFFIC.expectedTopPages()).extracting(TopPages::windowStart)
                .containsExactlyElementsOf(byWindow.keySet().stream().sorted().toList());
        for (TopPages top : TRAFFIC.expectedTopPages()) {
            List<PageViews> window = byWindow.get(top.windowStart());
            assertThat(top.windowEnd()).isEqualTo(top.windowStart() + ClickTraffic.PAGE_VIEW_WINDOW_MS);
            assertThat(top.pages()).isSortedAccordingTo(order)
                    .hasSize(Math.min(ClickTraffic.TOP_PAGES_LIMIT, window.size()))
                    .extracting(PageCount::url).doesNotHaveDuplicates();
            long last = top.pages().get(top.pages().size() - 1).views();
            // nothing left out has more views than the last one listed
            assertThat(window).filteredOn(v -> top.pages().stream().noneMatch(p -> p.url().equals(v.url())))
                    .allSatisfy(v -> assertThat(v.views()).isLessThanOrEqualTo(last));
            window.stream().filter(v -> top.pages().stream().anyMatch(p -> p.url().equals(v.url())))
                    .forEach(v -> assertThat(top.pages()).contains(new PageCount(v.url(), v.views())));
        }
    }

    @Test
    void theTieRuleMattersInTheGeneratedTraffic() {
        List<TopPages> tops = TRAFFIC.expectedTopPages();
        Map<Long, List<PageViews>> byWindow = TRAFFIC.expectedPageViews().stream()
                .collect(Collectors.groupingBy(PageViews::windowStart));

        // two URLs with equal views inside a top 10
        assertThat(tops).anyMatch(top -> IntStream.range(1, top.pages().size())
                .anyMatch(i -> top.pages().get(i).views() == top.pages().get(i - 1).views()));
        // a full top 10 whose last URL ties with one left out: the URL order decides who is in
        assertThat(tops).anyMatch(top -> top.pages().size() == ClickTraffic.TOP_PAGES_LIMIT
                && byWindow.get(top.windowStart()).stream().anyMatch(v -> v.views() == top.pages().get(9).views()
                && top.pages().stream().noneMatch(p -> p.url().equals(v.url()))));
        // and windows with more than 10 URLs, so the limit matters
        assertThat(byWindow.values()).anyMatch(window -> window.size() > ClickTraffic.TOP_PAGES_LIMIT);
    }

    @Test
    void everyEventIsInExactlyOneSession() {
        List<SessionSummary> sessions = TRAFFIC.expectedSessions();
        Map<String, List<SessionSummary>> byUser = sessions.stream()
                .collect(Collectors.groupingBy(SessionSummary::userId));

        assertThat(sessions.stream().mapToLong(SessionSummary::events).sum()).isEqualTo(TRAFFIC.events().size());
        for (ClickEvent event : TRAFFIC.events()) {
            assertThat(byUser.get(event.userId()))
                    .filteredOn(s -> s.sessionStart() <= event.timestamp() && event.timestamp() <= s.sessionEnd())
                    .as(event.eventId()).hasSize(1);
        }
        byUser.forEach((user, own) -> {
            assertThat(own).isSortedAccordingTo(Comparator.comparingLong(SessionSummary::sessionStart));
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).sessionStart() - own.get(i - 1).sessionEnd())
                        .isGreaterThan(ClickTraffic.SESSION_GAP_MS);
            }
        });
        assertThat(sessions).allSatisfy(s -> {
            assertThat(s.durationMs()).isEqualTo(s.sessionEnd() - s.sessionStart());
            assertThat(s.pageViews()).isLessThanOrEqualTo(s.events());
            assertThat(s.bounced()).isEqualTo(s.pageViews() == 1);
            assertThat(s.converted()).isEqualTo(s.funnelStage() == FunnelStage.PURCHASE);
            assertThat(s.entryPage() == null).isEqualTo(s.pageViews() == 0);
            assertThat(s.exitPage() == null).isEqualTo(s.pageViews() == 0);
        });
        // bot sessions count too, and a rate bot twice within 15 minutes is one session
        assertThat(sessions).extracting(SessionSummary::userId).containsAll(usersOf(Kind.RATE_BOT_TWICE_15_MIN));
        usersOf(Kind.RATE_BOT_TWICE_15_MIN).forEach(user -> assertThat(byUser.get(user)).hasSize(1));
    }

    @Test
    void theFunnelNeverGrowsAndCountsEverySessionOnce() {
        List<FunnelCounts> funnel = TRAFFIC.expectedFunnel();

        assertThat(funnel).allSatisfy(f -> {
            assertThat(f.windowStart() % ClickTraffic.FUNNEL_WINDOW_MS).isZero();
            assertThat(f.windowEnd() - f.windowStart()).isEqualTo(ClickTraffic.FUNNEL_WINDOW_MS);
            assertThat(f.views()).isPositive().isGreaterThanOrEqualTo(f.carts());
            assertThat(f.carts()).isGreaterThanOrEqualTo(f.checkouts());
            assertThat(f.checkouts()).isGreaterThanOrEqualTo(f.purchases());
        });
        assertThat(funnel).isSortedAccordingTo(Comparator.comparingLong(FunnelCounts::windowStart));
        assertThat(funnel.stream().mapToLong(FunnelCounts::views).sum())
                .isEqualTo(TRAFFIC.expectedSessions().size());
        assertThat(funnel.stream().mapToLong(FunnelCounts::purchases).sum())
                .isEqualTo(TRAFFIC.expectedSessions().stream().filter(SessionSummary::converted).count());
        assertThat(funnel.stream().mapToLong(FunnelCounts::purchases).sum()).isPositive();
    }

    @Test
    void everyBotIsAlertedAsItsKindSaysAndNoPersonIs() {
        assertBotAlertsFollowTheKinds(TRAFFIC);
    }

    @Test
    void botAlertsFollowTheKindsForOtherSeedsToo() {
        for (long seed = 1; seed <= 10; seed++) {
            ClickTraffic traffic = ClickTraffic.generate(seed, 2 * ClickTraffic.BOT_USERS + 10, START);
            assertBotAlertsFollowTheKinds(traffic);
        }
    }

    @Test
    void theSecondBurstFiveMinutesLaterWouldAlertWithoutTheCooldown() {
        Map<String, List<ClickEvent>> byUser = byUser(TRAFFIC.events());
        Map<String, List<BotAlert>> alerts = alertsByUser(TRAFFIC);

        for (String user : usersOf(Kind.RATE_BOT_TWICE_5_MIN)) {
            long firstAlert = alerts.get(user).get(0).windowEnd();
            List<ClickEvent> secondBurst = byUser.get(user).stream()
                    .filter(e -> e.timestamp() > firstAlert + MINUTE).toList();
            assertThat(maxEventsWithin(secondBurst, ClickTraffic.BOT_SPAN_MS)).as(user)
                    .isGreaterThan(ClickTraffic.BOT_MAX_EVENTS);
            assertThat(secondBurst.get(secondBurst.size() - 1).timestamp())
                    .isLessThan(firstAlert + ClickTraffic.BOT_COOLDOWN_MS);
        }
    }

    @Test
    void someCrawlerOutlastsTheCooldownAndIsAlertedAgain() {
        Map<String, List<BotAlert>> alerts = alertsByUser(TRAFFIC);

        assertThat(usersOf(Kind.CRAWLER)).anyMatch(user -> alerts.get(user).size() > 1);
    }

    // ---- the model on hand-built events ----

    @Test
    void pageViewsCountByUrlAndMinuteWithTheWindowEdges() {
        List<ClickEvent> events = List.of(
                event("u1", EventType.PAGE_VIEW, "/b", T - 1),
                event("u1", EventType.PAGE_VIEW, "/a", T),
                event("u3", EventType.CLICK, "/a", T + 1000),
                event("u1", EventType.PAGE_VIEW, "/a", T + 30_000),
                event("u2", EventType.PAGE_VIEW, "/a", T + 59_999),
                event("u2", EventType.ADD_TO_CART, "/a", T + 59_999 + 1000),
                event("u1", EventType.PAGE_VIEW, "/a", T + 60_000));

        Expectations expected = ClickTraffic.expect(events);

        assertThat(expected.pageViews()).containsExactly(
                new PageViews("/b", T - MINUTE, T, 1, 1),
                new PageViews("/a", T, T + MINUTE, 3, 2),
                new PageViews("/a", T + MINUTE, T + 2 * MINUTE, 1, 1));
        assertThat(expected.topPages()).containsExactly(
                new TopPages(T - MINUTE, T, List.of(new PageCount("/b", 1))),
                new TopPages(T, T + MINUTE, List.of(new PageCount("/a", 3))),
                new TopPages(T + MINUTE, T + 2 * MINUTE, List.of(new PageCount("/a", 1))));
    }

    @Test
    void topPagesBreakTiesByUrlAndStopAtTen() {
        List<ClickEvent> events = new ArrayList<>();
        Map<String, Integer> views = new LinkedHashMap<>();
        views.put("/products/2", 2);
        views.put("/products/10", 2);   // before /products/2: String order, not numeric
        views.put("/", 5);
        views.put("/cart", 1);
        views.put("/about", 1);
        views.put("/help", 1);
        views.put("/blog", 1);
        views.put("/login", 1);
        views.put("/account", 1);
        views.put("/returns", 1);
        views.put("/contact", 1);
        views.put("/search?q=x", 1);    // with /returns the last by URL among the ones: left out
        long[] time = {T + 5000};
        views.forEach((url, count) -> {
            for (int i = 0; i < count; i++) {
                events.add(event("u" + i, EventType.PAGE_VIEW, url, time[0]++));
            }
        });

        assertThat(ClickTraffic.expect(events).topPages()).containsExactly(new TopPages(T, T + MINUTE, List.of(
                new PageCount("/", 5), new PageCount("/products/10", 2), new PageCount("/products/2", 2),
                new PageCount("/about", 1), new PageCount("/account", 1), new PageCount("/blog", 1),
                new PageCount("/cart", 1), new PageCount("/contact", 1), new PageCount("/help", 1),
                new PageCount("/login", 1))));
    }

    @Test
    void aGapOfExactlyThirtyMinutesStaysInTheSession() {
        long thirty = 30 * MINUTE;
        List<ClickEvent> events = List.of(
                event("u1", EventType.PAGE_VIEW, "/x", T),
                event("u1", EventType.PAGE_VIEW, "/y", T),           // same millisecond, produced later
                event("u2", EventType.PAGE_VIEW, "/", T + 5),
                event("u1", EventType.CLICK, null, T + thirty),      // exactly 30 min: same session
                event("u1", EventType.ADD_TO_CART, "/products/1", T + 2 * thirty + 1), // 30 min + 1 ms: new one
                event("u1", EventType.CHECKOUT, "/checkout", T + 2 * thirty + 2),
                event("u1", EventType.PURCHASE, "/checkout", T + 2 * thirty + 3),
                event("u3", EventType.PAGE_VIEW, "/a", T + 10),
                event("u3", EventType.PAGE_VIEW, "/b", T + 20),
                event("u3", EventType.ADD_TO_CART, "/b", T + 30));

        assertThat(ClickTraffic.expect(events).sessions()).containsExactly(
                new SessionSummary("u1", T, T + thirty, thirty, 3, 2, "/x", "/y", false, false, FunnelStage.VIEW),
                new SessionSummary("u1", T + 2 * thirty + 1, T + 2 * thirty + 3, 2, 3, 0, null, null, false, true,
                        FunnelStage.PURCHASE),
                new SessionSummary("u2", T + 5, T + 5, 0, 1, 1, "/", "/", true, false, FunnelStage.VIEW),
                new SessionSummary("u3", T + 10, T + 30, 20, 3, 2, "/a", "/b", false, false, FunnelStage.CART));
    }

    @Test
    void eachUsersEventsAreTakenInTimeOrder() {
        // produced out of order: the model sorts each user's events by time, keeping the order of equal ones
        List<ClickEvent> events = List.of(
                event("u1", EventType.PAGE_VIEW, "/late", T + 2000),
                event("u1", EventType.PAGE_VIEW, "/early", T + 1000));

        assertThat(ClickTraffic.expect(events).sessions()).singleElement()
                .extracting(SessionSummary::entryPage, SessionSummary::exitPage)
                .containsExactly("/early", "/late");
    }

    @Test
    void theFunnelCountsSessionsInTheHourTheyEnd() {
        long hour = ClickTraffic.FUNNEL_WINDOW_MS;
        List<ClickEvent> events = List.of(
                event("u1", EventType.PAGE_VIEW, "/", T - 5 * MINUTE),
                event("u1", EventType.CHECKOUT, "/checkout", T - 1),          // ends in the hour before
                event("u2", EventType.PAGE_VIEW, "/", T - 10 * MINUTE),
                event("u2", EventType.PAGE_VIEW, "/", T),                      // ends at the window's start
                event("u3", EventType.PAGE_VIEW, "/", T + 40 * MINUTE),
                event("u3", EventType.ADD_TO_CART, "/products/3", T + 41 * MINUTE),
                event("u3", EventType.PURCHASE, "/checkout", T + hour - 1)); // ends at the window's last ms

        assertThat(ClickTraffic.expect(events).funnel()).containsExactly(
                new FunnelCounts(T - hour, T, 1, 1, 1, 0),
                new FunnelCounts(T, T + hour, 2, 1, 1, 1));
    }

    @Test
    void twentyEventsInTenSecondsAreFineAndTwentyOneAreABot() {
        List<ClickEvent> events = new ArrayList<>();
        events.addAll(spread("twenty", 20, T, T + 10_000));
        events.addAll(spread("twenty-one", 21, T, T + 10_000));
        events.addAll(spread("twenty-one-slower", 21, T, T + 10_001));
        events.sort(Comparator.comparing(ClickEvent::timestamp));

        assertThat(ClickTraffic.expect(events).botAlerts()).containsExactly(
                new BotAlert("twenty-one", null, 21, T, T + 10_000, 0));
    }

    @Test
    void aBurstAlertsOncePerCooldownAtItsTwentyFirstEvent() {
        List<ClickEvent> events = new ArrayList<>();
        events.addAll(spread("bot", 40, T, T + 4000));
        events.addAll(spread("bot", 40, T + 5 * MINUTE, T + 5 * MINUTE + 4000));   // within the cooldown
        events.addAll(spread("bot", 25, T + 15 * MINUTE, T + 15 * MINUTE + 3000)); // after it
        events.sort(Comparator.comparing(ClickEvent::timestamp));
        long twentyFirst = T + Math.round(20 * 4000 / 39.0);
        long secondTwentyFirst = T + 15 * MINUTE + Math.round(20 * 3000 / 24.0);

        assertThat(ClickTraffic.expect(events).botAlerts()).containsExactly(
                new BotAlert("bot", null, 21, twentyFirst - 10_000, twentyFirst, 0),
                new BotAlert("bot", null, 21, secondTwentyFirst - 10_000, secondTwentyFirst, 0));
    }

    @Test
    void aBotUserAgentAlertsOncePerTenMinutes() {
        long cooldown = ClickTraffic.BOT_COOLDOWN_MS;
        List<ClickEvent> events = List.of(
                event("crawler", EventType.PAGE_VIEW, "/", T, "Mozilla/5.0 (compatible; GOOGLEBOT/2.1)"),
                event("crawler", EventType.PAGE_VIEW, "/", T + 1000, "Mozilla/5.0 (compatible; GOOGLEBOT/2.1)"),
                event("crawler", EventType.PAGE_VIEW, "/", T + cooldown - 1, "Mozilla/5.0 (compatible; Googlebot)"),
                event("crawler", EventType.PAGE_VIEW, "/", T + cooldown, "Mozilla/5.0 (compatible; Googlebot)"),
                // at the start of the next alert's span, which is inclusive: counted, but itself still cooling down
                event("crawler", EventType.PAGE_VIEW, "/", T + 2 * cooldown - 10_000, "Mozilla/5.0 (bingbot)"),
                event("crawler", EventType.PAGE_VIEW, "/", T + 2 * cooldown, "Mozilla/5.0 (compatible; Googlebot)"),
                event("person", EventType.PAGE_VIEW, "/", T, FIREFOX),
                event("nobody", EventType.PAGE_VIEW, "/", T, null));

        assertThat(ClickTraffic.expect(events).botAlerts()).containsExactly(
                new BotAlert("crawler", null, 1, T - 10_000, T, 0),
                // the suppressed event 1 ms before counts in the span
                new BotAlert("crawler", null, 2, T + cooldown - 10_000, T + cooldown, 0),
                new BotAlert("crawler", null, 2, T + 2 * cooldown - 10_000, T + 2 * cooldown, 0));
    }

    @Test
    void botUserAgentsAreMatchedAnywhereIgnoringCase() {
        assertThat(ClickTraffic.BOT_USER_AGENT_PATTERNS).containsExactly("bot", "crawl", "spider", "slurp",
                "headless", "phantomjs", "selenium", "puppeteer", "playwright", "python-requests", "curl/", "wget/");
        assertThat(List.of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; bingbot/2.0)", "HeadlessChrome/120.0", "Wget/1.21.4", "curl/8.4.0",
                "Python-Requests/2.31", "SomeCrawler 1.0", "Mozilla/5.0 Selenium", "ROBOT"))
                .allMatch(ClickTraffic::looksLikeBot);
        assertThat(List.of(FIREFOX, "curly", "wget", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X)"))
                .noneMatch(ClickTraffic::looksLikeBot);
        assertThat(ClickTraffic.looksLikeBot(null)).isFalse();
        assertThat(ClickTraffic.BROWSER_AGENTS).noneMatch(ClickTraffic::looksLikeBot);
        assertThat(ClickTraffic.CRAWLER_AGENTS).allMatch(ClickTraffic::looksLikeBot);
        assertThat(ClickTraffic.HEADLESS_AGENTS).allMatch(ClickTraffic::looksLikeBot);
        assertThat(ClickTraffic.SCRIPT_AGENTS).allMatch(ClickTraffic::looksLikeBot);
    }

    @Test
    void comparableAlertsDropWhatTheAppWordsItsOwnWay() {
        BotAlert actual = new BotAlert("u1", "31 events within 10 s", 31, T - 10_000, T, 1_234_567);

        assertThat(ClickTraffic.comparable(actual)).isEqualTo(new BotAlert("u1", null, 31, T - 10_000, T, 0));
    }

    // ---- helpers ----

    private static void assertBotAlertsFollowTheKinds(ClickTraffic traffic) {
        Map<String, List<BotAlert>> alerts = alertsByUser(traffic);
        Map<String, ClickEvent> firstEvent = new LinkedHashMap<>();
        traffic.events().forEach(e -> firstEvent.putIfAbsent(e.userId(), e));

        traffic.kinds().forEach((user, kind) -> {
            List<BotAlert> own = alerts.getOrDefault(user, List.of());
            switch (kind) {
                case ORDINARY -> assertThat(own).as("%s %s", kind, user).isEmpty();
                case RATE_BOT, RATE_BOT_TWICE_5_MIN -> assertThat(own).as("%s %s", kind, user).singleElement()
                        .extracting(BotAlert::eventCount).isEqualTo(21L);
                case RATE_BOT_TWICE_15_MIN -> {
                    assertThat(own).as("%s %s", kind, user).hasSize(2)
                            .allSatisfy(a -> assertThat(a.eventCount()).isEqualTo(21L));
                    assertThat(own.get(1).windowEnd() - own.get(0).windowEnd())
                            .isGreaterThanOrEqualTo(ClickTraffic.BOT_COOLDOWN_MS);
                }
                case CRAWLER, HEADLESS, SCRIPTED -> {
                    assertThat(own).as("%s %s", kind, user).isNotEmpty();
                    // given away by the user agent on the very first event
                    assertThat(own.get(0).windowEnd()).isEqualTo(firstEvent.get(user).timestamp());
                    assertThat(own.get(0).eventCount()).isEqualTo(1);
                }
            }
            if (kind.isRateBot()) {
                assertThat(ClickTraffic.looksLikeBot(firstEvent.get(user).userAgent())).as(user).isFalse();
            }
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).windowEnd() - own.get(i - 1).windowEnd())
                        .isGreaterThanOrEqualTo(ClickTraffic.BOT_COOLDOWN_MS);
            }
            assertThat(own).allSatisfy(a -> {
                assertThat(a.windowEnd() - a.windowStart()).isEqualTo(ClickTraffic.BOT_SPAN_MS);
                assertThat(a.reason()).isNull();
                assertThat(a.detectedAt()).isZero();
            });
        });
        assertThat(traffic.expectedBotAlerts())
                .isSortedAccordingTo(Comparator.comparingLong(BotAlert::windowEnd).thenComparing(BotAlert::userId));
    }

    private static Map<String, List<BotAlert>> alertsByUser(ClickTraffic traffic) {
        return traffic.expectedBotAlerts().stream().collect(Collectors.groupingBy(BotAlert::userId));
    }

    private static List<String> usersOf(Kind kind) {
        return TRAFFIC.kinds().entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey).toList();
    }

    private static Map<String, List<ClickEvent>> byUser(List<ClickEvent> events) {
        return events.stream().collect(Collectors.groupingBy(ClickEvent::userId, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** The most events within any closed span of the given length, of events in time order: by brute force. */
    private static int maxEventsWithin(List<ClickEvent> events, long span) {
        int max = 0;
        for (int i = 0; i < events.size(); i++) {
            long end = events.get(i).timestamp();
            int count = 0;
            for (int j = i; j >= 0 && events.get(j).timestamp() >= end - span; j--) {
                count++;
            }
            max = Math.max(max, count);
        }
        return max;
    }

    /** {@code count} page views of one user, the first at {@code from} and the last at {@code to}. */
    private static List<ClickEvent> spread(String user, int count, long from, long to) {
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(user, EventType.PAGE_VIEW, "/", from + Math.round(i * (to - from) / (count - 1.0))));
        }
        return events;
    }

    private static int ids;

    private static ClickEvent event(String user, EventType type, String url, long time) {
        return event(user, type, url, time, FIREFOX);
    }

    private static ClickEvent event(String user, EventType type, String url, long time, String userAgent) {
        return new ClickEvent("h-" + ++ids, user, type.name(), url, null, userAgent, "192.0.2.1", time);
    }
}
