package io.streamsuite.iot;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A device's state, kept in the queryable store {@code iot-device-state}: online or not, when it was last heard
 * from, each sensor's latest reading and running statistics, when each kind of alert last fired (for the cooldown),
 * and its 1-minute statistics windows still open.
 *
 * @param online        false once it has been silent for the heartbeat timeout, true again at its next reading
 * @param lastEventTime event time of its newest reading
 * @param lastSeenAt    wall-clock time its latest reading was processed, for the wall-clock heartbeat
 * @param sensors       per sensor type
 * @param lastAlerts    per {@code <type>/<sensorType>} (sensor empty for heartbeat alerts), the time of the last alert
 * @param windows       the open statistics windows, oldest first
 */
public record DeviceState(boolean online, long lastEventTime, long lastSeenAt, Map<String, SensorState> sensors,
                          Map<String, Long> lastAlerts, List<DeviceWindow> windows) {

    public DeviceState {
        sensors = sensors == null ? Map.of() : Map.copyOf(sensors);
        lastAlerts = lastAlerts == null ? Map.of() : Map.copyOf(lastAlerts);
        windows = windows == null ? List.of() : oldestFirst(windows);
    }

    private static List<DeviceWindow> oldestFirst(List<DeviceWindow> windows) {
        for (int i = 1; i < windows.size(); i++) {
            if (windows.get(i - 1).start() > windows.get(i).start()) {
                return windows.stream().sorted(Comparator.comparingLong(DeviceWindow::start)).toList();
            }
        }
        return List.copyOf(windows);
    }

    /** A state without open windows. */
    public DeviceState(boolean online, long lastEventTime, long lastSeenAt, Map<String, SensorState> sensors,
                       Map<String, Long> lastAlerts) {
        this(online, lastEventTime, lastSeenAt, sensors, lastAlerts, List.of());
    }

    /** The same state with other open windows. */
    public DeviceState withWindows(List<DeviceWindow> openWindows) {
        return new DeviceState(online, lastEventTime, lastSeenAt, sensors, lastAlerts, openWindows);
    }

    /** Whether a reading of this sensor type fits: a type already known, or room for one more. */
    public boolean hasRoomFor(String sensorType, int maxSensorTypes) {
        return sensors.containsKey(sensorType) || sensors.size() < maxSensorTypes;
    }
}
