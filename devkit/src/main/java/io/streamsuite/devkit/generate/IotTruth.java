package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * An alert the IoT app must raise: an anomaly, a threshold breach, a device going offline (silent for the heartbeat
 * timeout) or coming back online.
 *
 * @param sensorType null for {@code DEVICE_OFFLINE} and {@code DEVICE_ONLINE}
 * @param eventTime  the reading's time; for {@code DEVICE_OFFLINE} the earliest moment the silence is noticed, the
 *                   last reading plus the 60 s timeout (the app notices it within its 5 s check interval after that)
 * @param lastSeen   for {@code DEVICE_OFFLINE}, the time of the device's last reading
 */
public record IotTruth(String domain, String deviceId, String sensorType, String type, long eventTime, Double value,
                       Double threshold, Long lastSeen, String why) implements Truth {

    static IotTruth reading(String deviceId, String sensorType, String type, long eventTime, double value,
                            Double threshold, String why) {
        return new IotTruth("iot", deviceId, sensorType, type, eventTime, value, threshold, null, why);
    }

    static IotTruth device(String deviceId, String type, long eventTime, Long lastSeen, String why) {
        return new IotTruth("iot", deviceId, null, type, eventTime, null, null, lastSeen, why);
    }

    @Override
    public List<String> countedAs() {
        return List.of(type);
    }
}
