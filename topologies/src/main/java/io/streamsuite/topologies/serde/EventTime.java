package io.streamsuite.topologies.serde;

/**
 * An event that carries its own time. Records with a {@code Long timestamp} component implement this
 * for free, and {@link EventTimeExtractor} then uses the payload's time instead of the broker's.
 */
public interface EventTime {

    /** Epoch milliseconds when the event happened, or null when the producer did not say. */
    Long timestamp();
}
