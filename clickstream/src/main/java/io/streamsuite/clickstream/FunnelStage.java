package io.streamsuite.clickstream;

/** The purchase funnel, in order: a session's stage is the furthest any of its events reached. */
public enum FunnelStage {
    VIEW,
    CART,
    CHECKOUT,
    PURCHASE;

    /** The further of two stages. */
    public FunnelStage max(FunnelStage other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
