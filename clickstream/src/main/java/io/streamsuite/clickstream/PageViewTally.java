package io.streamsuite.clickstream;

import io.streamsuite.topologies.windowing.DistinctCount;

/**
 * The running count of one URL's views in one window: the windowed aggregate behind {@code clickstream-page-views}.
 *
 * @param visitors distinct user ids: exact up to {@link DistinctCount#EXACT_LIMIT} visitors, a HyperLogLog estimate
 *                 beyond
 */
public record PageViewTally(long views, DistinctCount visitors) {

    private static final PageViewTally EMPTY = new PageViewTally(0, DistinctCount.empty());

    public static PageViewTally empty() {
        return EMPTY;
    }

    public PageViewTally add(ClickEvent view) {
        return new PageViewTally(views + 1, visitors.add(view.userId()));
    }

    /** Both tallies of one URL and window, from two source partitions: the views add up, the visitors unite. */
    public PageViewTally merge(PageViewTally other) {
        return new PageViewTally(views + other.views, visitors.merge(other.visitors));
    }

    public PageViews toPageViews(String url, long windowStart, long windowEnd) {
        return new PageViews(url, windowStart, windowEnd, views, visitors.estimate());
    }
}
