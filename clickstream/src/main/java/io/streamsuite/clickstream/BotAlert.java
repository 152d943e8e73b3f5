package io.streamsuite.clickstream;

/**
 * One record of {@code clickstream-bot-alerts}.
 *
 * @param reason      why the user looks like a bot, with the figures
 * @param eventCount  the user's events within the span
 * @param windowStart the span's start, epoch milliseconds (event time)
 * @param windowEnd   the span's end, epoch milliseconds (event time)
 * @param detectedAt  wall-clock time of detection, epoch milliseconds
 */
public record BotAlert(String userId, String reason, long eventCount, long windowStart, long windowEnd,
                       long detectedAt) {
}
