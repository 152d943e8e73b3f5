package io.streamsuite.clickstream;

/** Sessions per furthest funnel stage in one window: the aggregate behind {@code clickstream-funnel}. */
public record FunnelTally(long views, long carts, long checkouts, long purchases) {

    private static final FunnelTally EMPTY = new FunnelTally(0, 0, 0, 0);

    public static FunnelTally empty() {
        return EMPTY;
    }

    /** Counts a closed session at every stage it reached: one that purchased also viewed, carted and checked out. */
    public FunnelTally add(SessionSummary session) {
        int reached = session.funnelStage().ordinal();
        return new FunnelTally(views + 1,
                carts + (reached >= FunnelStage.CART.ordinal() ? 1 : 0),
                checkouts + (reached >= FunnelStage.CHECKOUT.ordinal() ? 1 : 0),
                purchases + (reached >= FunnelStage.PURCHASE.ordinal() ? 1 : 0));
    }

    /** Both tallies of one hour, from two source partitions. */
    public FunnelTally merge(FunnelTally other) {
        return new FunnelTally(views + other.views, carts + other.carts, checkouts + other.checkouts,
                purchases + other.purchases);
    }

    public FunnelCounts toCounts(long windowStart, long windowEnd) {
        return new FunnelCounts(windowStart, windowEnd, views, carts, checkouts, purchases);
    }
}
