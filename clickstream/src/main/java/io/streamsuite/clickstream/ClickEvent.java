package io.streamsuite.clickstream;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.streamsuite.topologies.serde.EpochMillis;
import io.streamsuite.topologies.serde.EventTime;

/**
 * One user action on the site, as it arrives on {@code clickstream-events}, field for field as the contract names
 * them. Boxed and string-typed where producers may send anything: {@link ClickEventValidator} decides what is
 * wrong, not the decoder, so that the dead letter says why.
 *
 * @param type      one of {@link EventType}'s names
 * @param url       the page, required for {@code PAGE_VIEW}
 * @param timestamp event time in epoch milliseconds; an ISO-8601 string is accepted on input
 */
public record ClickEvent(String eventId, String userId, String type, String url, String referrer, String userAgent,
                         String ip, @JsonDeserialize(using = EpochMillis.Deserializer.class) Long timestamp)
        implements EventTime {

    /** The type of a validated event. */
    public EventType eventType() {
        return EventType.valueOf(type);
    }
}
