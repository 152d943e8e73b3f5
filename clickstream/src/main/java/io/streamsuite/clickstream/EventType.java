package io.streamsuite.clickstream;

/** What a user did, and how far into the purchase funnel it takes a session. */
public enum EventType {
    PAGE_VIEW(FunnelStage.VIEW),
    CLICK(FunnelStage.VIEW),
    ADD_TO_CART(FunnelStage.CART),
    CHECKOUT(FunnelStage.CHECKOUT),
    PURCHASE(FunnelStage.PURCHASE);

    private final FunnelStage stage;

    EventType(FunnelStage stage) {
        this.stage = stage;
    }

    /** The funnel stage a session has reached once it contains this event. */
    public FunnelStage stage() {
        return stage;
    }
}
