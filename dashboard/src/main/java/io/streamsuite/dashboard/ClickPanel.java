package io.streamsuite.dashboard;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/** The clickstream panel: page views per minute, the latest ranking, sessions and conversion, the funnel, bots. */
final class ClickPanel {

    /**
     * What the page shows.
     *
     * @param views          page views per entry of {@code minutes}
     * @param conversionRate converted sessions over closed sessions, 0 before any
     */
    record View(List<Long> minutes, List<Long> views, TopPages topPages, long sessions, long converted, long bounced,
                double conversionRate, FunnelCounts funnel, long botAlertCount, List<BotAlert> botAlerts) {
    }

    private final int feedSize;
    private final int minutesShown;
    private final TreeMap<Long, Long> viewsPerMinute = new TreeMap<>();
    private final Deque<BotAlert> botAlerts = new ArrayDeque<>();
    private TopPages topPages;
    private FunnelCounts funnel;
    private long sessions;
    private long converted;
    private long bounced;
    private long botAlertCount;

    ClickPanel(int feedSize, int minutesShown) {
        this.feedSize = feedSize;
        this.minutesShown = minutesShown;
    }

    synchronized void add(PageViews views) {
        viewsPerMinute.merge(views.windowStart(), views.views(), Long::sum);
        Minutes.keepLast(viewsPerMinute, minutesShown);
    }

    /** Rankings arrive a minute at a time; a late one for an earlier minute does not replace a newer one. */
    synchronized void add(TopPages ranking) {
        if (topPages == null || ranking.windowStart() >= topPages.windowStart()) {
            topPages = ranking;
        }
    }

    synchronized void add(SessionSummary session) {
        sessions++;
        converted += session.converted() ? 1 : 0;
        bounced += session.bounced() ? 1 : 0;
    }

    /** The funnel of the latest hour: a later record of the same hour has counted more sessions. */
    synchronized void add(FunnelCounts counts) {
        if (funnel == null || counts.windowStart() >= funnel.windowStart()) {
            funnel = counts;
        }
    }

    synchronized void add(BotAlert alert) {
        botAlertCount++;
        botAlerts.addFirst(alert);
        if (botAlerts.size() > feedSize) {
            botAlerts.removeLast();
        }
    }

    synchronized View view() {
        List<Long> minutes = Minutes.range(viewsPerMinute, minutesShown);
        List<Long> views = new ArrayList<>(minutes.size());
        minutes.forEach(minute -> views.add(viewsPerMinute.getOrDefault(minute, 0L)));
        return new View(minutes, views, topPages, sessions, converted, bounced,
                sessions == 0 ? 0 : (double) converted / sessions, funnel, botAlertCount, List.copyOf(botAlerts));
    }
}
