package io.streamsuite.clickstream;

import io.streamsuite.topologies.windowing.TopN;
import java.util.List;

/**
 * One record of {@code clickstream-top-pages}: the most viewed URLs of one closed window.
 *
 * @param pages most viewed first; equal views by URL in ascending order; at most the configured limit
 */
public record TopPages(long windowStart, long windowEnd, List<PageCount> pages) {

    public TopPages {
        pages = List.copyOf(pages);
    }

    /** The record of a window from its ranking, which already orders ties by URL. */
    public static TopPages of(long windowStart, long windowEnd, TopN<String> ranking) {
        return new TopPages(windowStart, windowEnd, ranking.entries().stream()
                .map(entry -> new PageCount(entry.item(), entry.score()))
                .toList());
    }

    /** A URL and its views in the window. */
    public record PageCount(String url, long views) {
    }
}
