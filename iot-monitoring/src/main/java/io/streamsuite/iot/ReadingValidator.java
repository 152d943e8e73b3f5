package io.streamsuite.iot;

import io.streamsuite.topologies.errors.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The contract checks of {@code iot-readings}. JSON cannot carry NaN or Infinity, so those arrive as text or as
 * non-standard tokens and are already refused by the decoder; this catches the rest, and bounds what one reading can
 * make the app keep: the length of its ids, the size of its value, and (if so configured) whether its device is
 * registered at all.
 */
public final class ReadingValidator implements Validator<Reading> {

    /** Longer than any real device or sensor id, short enough that ids cannot bloat keys and states. */
    public static final int DEFAULT_MAX_ID_LENGTH = 256;
    /** Far beyond any physical quantity, small enough that differences and squares of values stay finite. */
    public static final double DEFAULT_MAX_MAGNITUDE = 1e100;

    private final int maxIdLength;
    private final double maxMagnitude;
    private final Predicate<String> registered;

    /** The defaults, with every device accepted. */
    public ReadingValidator() {
        this(DEFAULT_MAX_ID_LENGTH, DEFAULT_MAX_MAGNITUDE, deviceId -> true);
    }

    /**
     * @param registered whether a device is accepted; a reading of another device is invalid
     */
    public ReadingValidator(int maxIdLength, double maxMagnitude, Predicate<String> registered) {
        this.maxIdLength = maxIdLength;
        this.maxMagnitude = maxMagnitude;
        this.registered = registered;
    }

    @Override
    public List<String> problems(Reading reading) {
        List<String> problems = new ArrayList<>(2);
        Validator.requireText("deviceId", reading.deviceId(), problems);
        Validator.requireText("sensorType", reading.sensorType(), problems);
        requireLength("deviceId", reading.deviceId(), problems);
        requireLength("sensorType", reading.sensorType(), problems);
        if (reading.value() == null) {
            problems.add("value is missing");
        } else if (!Double.isFinite(reading.value())) {
            problems.add("value is not finite: " + reading.value());
        } else if (Math.abs(reading.value()) > maxMagnitude) {
            problems.add("value is beyond ±" + maxMagnitude + ": " + reading.value());
        }
        if (reading.timestamp() == null) {
            problems.add("timestamp is missing");
        } else if (reading.timestamp() < 0) {
            problems.add("timestamp is negative: " + reading.timestamp());
        }
        if (problems.isEmpty() && !registered.test(reading.deviceId())) {
            problems.add("deviceId is not in the device registry");
        }
        return problems;
    }

    private void requireLength(String field, String value, List<String> problems) {
        if (value != null && value.length() > maxIdLength) {
            problems.add(field + " is " + value.length() + " characters long, more than " + maxIdLength);
        }
    }
}
