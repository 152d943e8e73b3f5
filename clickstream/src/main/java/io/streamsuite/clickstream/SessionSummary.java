package io.streamsuite.clickstream;

/**
 * One record of {@code clickstream-sessions}: a user's closed session.
 *
 * @param sessionStart the first event's time, epoch milliseconds
 * @param sessionEnd   the last event's time, epoch milliseconds
 * @param entryPage    the URL of the first page view, null if the session had none
 * @param exitPage     the URL of the last page view, null if the session had none
 * @param bounced      exactly one page view
 * @param converted    had a {@code PURCHASE}
 * @param funnelStage  the furthest stage any event reached
 */
public record SessionSummary(String userId, long sessionStart, long sessionEnd, long durationMs, long events,
                             long pageViews, String entryPage, String exitPage, boolean bounced, boolean converted,
                             FunnelStage funnelStage) {
}
