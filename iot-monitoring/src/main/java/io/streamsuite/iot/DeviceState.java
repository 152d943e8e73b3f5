package io.streamsuite.iot;

import java.util.Map;

/**
 * A device's status, kept in the queryable store {@code iot-device-state}: online or not, when it was last heard
 * from, each sensor's latest reading and running statistics, and when each kind of alert last fired (for the
 * cooldown).
 *
 * @param online        false once it has been silent for the heartbeat timeout, true again at its next reading
 * @param lastEventTime event time of its newest reading
 * @param lastSeenAt    wall-clock time its latest reading was processed, for the wall-clock heartbeat
 * @param sensors       per sensor type
 * @param lastAlerts    per {@code <type>/<sensorType>} (sensor empty for heartbeat alerts), the time of the last alert
 */
public record DeviceState(boolean online, long lastEventTime, long lastSeenAt, Map<String, SensorState> sensors,
                          Map<String, Long> lastAlerts) {

    public DeviceState {
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
        lastAlerts = lastAlerts == null ? Map.of() : Map.copyOf(lastAlerts);
    }
}
