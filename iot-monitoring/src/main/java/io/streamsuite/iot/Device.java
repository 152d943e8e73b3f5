package io.streamsuite.iot;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Map;

/**
 * A device of the {@code iot-devices} registry.
 *
 * @param location   where it is, copied into its alerts; may be missing
 * @param thresholds per sensor type, the range its readings should stay in; either bound may be missing; in JSON an
 *                   object or a string holding one (a database's JSON column captured by Debezium)
 */
public record Device(String deviceId, String location,
                     @JsonDeserialize(using = ThresholdsJson.class) Map<String, Range> thresholds) {

    public Device {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /** The allowed range of one sensor, each bound optional. */
    public record Range(Double min, Double max) {
    }
}
