package io.streamsuite.clickstream;

/**
 * A session as it is being built: the session-window aggregate behind {@code clickstream-sessions}. Keeps the time
 * of its entry and exit page views so that two sessions a late event bridges merge into the right entry and exit.
 *
 * @param start      the first event's time; {@link Long#MAX_VALUE} while empty
 * @param end        the last event's time; {@link Long#MIN_VALUE} while empty
 * @param entryTime  the time of {@code entryPage}
 * @param exitTime   the time of {@code exitPage}
 */
public record SessionTally(long start, long end, long events, long pageViews, String entryPage, long entryTime,
                           String exitPage, long exitTime, boolean converted, FunnelStage stage) {

    private static final SessionTally EMPTY = new SessionTally(Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, null,
            Long.MAX_VALUE, null, Long.MIN_VALUE, false, FunnelStage.VIEW);

    public static SessionTally empty() {
        return EMPTY;
    }

    /** The session with one more event; events may come in any order. */
    public SessionTally add(ClickEvent event) {
        long time = event.timestamp();
        EventType type = event.eventType();
        boolean view = type == EventType.PAGE_VIEW;
        // equal times: the entry stays the one seen first, the exit becomes the one seen last
        boolean entry = view && time < entryTime;
        boolean exit = view && time >= exitTime;
        return new SessionTally(Math.min(start, time), Math.max(end, time), events + 1, pageViews + (view ? 1 : 0),
                entry ? event.url() : entryPage, entry ? time : entryTime,
                exit ? event.url() : exitPage, exit ? time : exitTime,
                converted || type == EventType.PURCHASE, stage.max(type.stage()));
    }

    /** Two sessions joined into one, when an event falls into the gap between them. */
    public SessionTally merge(SessionTally other) {
        boolean otherEntry = other.entryTime < entryTime;
        boolean otherExit = other.exitTime > exitTime;
        return new SessionTally(Math.min(start, other.start), Math.max(end, other.end), events + other.events,
                pageViews + other.pageViews,
                otherEntry ? other.entryPage : entryPage, otherEntry ? other.entryTime : entryTime,
                otherExit ? other.exitPage : exitPage, otherExit ? other.exitTime : exitTime,
                converted || other.converted, stage.max(other.stage));
    }

    public SessionSummary toSummary(String userId) {
        return new SessionSummary(userId, start, end, end - start, events, pageViews, entryPage, exitPage,
                pageViews == 1, converted, stage);
    }
}
