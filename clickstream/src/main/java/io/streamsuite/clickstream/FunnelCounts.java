package io.streamsuite.clickstream;

/**
 * One record of {@code clickstream-funnel}: how many sessions ending in one window reached each stage. A session
 * that reached a stage also reached every stage before it, so the counts never grow along the funnel.
 */
public record FunnelCounts(long windowStart, long windowEnd, long views, long carts, long checkouts, long purchases) {
}
