package io.streamsuite.clickstream;

/**
 * One record of {@code clickstream-page-views}: a URL's views in one closed window.
 *
 * @param windowStart    inclusive, epoch milliseconds
 * @param windowEnd      exclusive, epoch milliseconds
 * @param uniqueVisitors distinct users who viewed the URL in the window
 */
public record PageViews(String url, long windowStart, long windowEnd, long views, long uniqueVisitors) {
}
