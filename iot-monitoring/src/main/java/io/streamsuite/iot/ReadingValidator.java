package io.streamsuite.iot;

import io.streamsuite.topologies.errors.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract checks of {@code iot-readings}. JSON cannot carry NaN or Infinity, so those arrive as text or as
 * non-standard tokens and are already refused by the decoder; this catches the rest.
 */
public final class ReadingValidator implements Validator<Reading> {

    @Override
    public List<String> problems(Reading reading) {
        List<String> problems = new ArrayList<>(2);
        Validator.requireText("deviceId", reading.deviceId(), problems);
        Validator.requireText("sensorType", reading.sensorType(), problems);
        if (reading.value() == null) {
            problems.add("value is missing");
        } else if (!Double.isFinite(reading.value())) {
            problems.add("value is not finite: " + reading.value());
        }
        if (reading.timestamp() == null) {
            problems.add("timestamp is missing");
        } else if (reading.timestamp() < 0) {
            problems.add("timestamp is negative: " + reading.timestamp());
        }
        return problems;
    }
}
