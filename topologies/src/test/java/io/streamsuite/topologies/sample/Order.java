package io.streamsuite.topologies.sample;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.streamsuite.topologies.serde.EpochMillis;
import io.streamsuite.topologies.serde.EventTime;

/** The sample app's input event. */
public record Order(String orderId, String customer, Double amount,
                    @JsonDeserialize(using = EpochMillis.Deserializer.class) Long timestamp) implements EventTime {
}
