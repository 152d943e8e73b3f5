package io.streamsuite.iot;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.streamsuite.topologies.serde.EpochMillis;
import io.streamsuite.topologies.serde.EventTime;

/**
 * One sensor reading from {@code iot-readings}, field for field as the contract names them. Boxed so that
 * {@link ReadingValidator}, not the decoder, says what is missing.
 *
 * @param timestamp event time in epoch milliseconds; an ISO-8601 string is accepted on input
 */
public record Reading(String deviceId, String sensorType, Double value, String unit,
                      @JsonDeserialize(using = EpochMillis.Deserializer.class) Long timestamp) implements EventTime {
}
