package io.streamsuite.iot;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /devices/{deviceId}} and {@code GET /devices} show of a device.
 *
 * @param status        {@code ONLINE}, or {@code OFFLINE} once it has been silent for the heartbeat timeout
 * @param lastEventTime event time of its newest reading
 * @param lastSeenAt    wall-clock time its newest reading was processed
 * @param sensors       per sensor type, sorted by type
 */
public record DeviceStatus(String deviceId, String status, long lastEventTime, long lastSeenAt,
                           Map<String, SensorStatus> sensors) {

    public static final String ONLINE = "ONLINE";
    public static final String OFFLINE = "OFFLINE";

    /**
     * One sensor's latest reading and the running statistics it is judged against.
     *
     * @param count  readings in the running statistics
     * @param mean   their exponentially weighted mean
     * @param stddev their exponentially weighted standard deviation
     */
    public record SensorStatus(double lastValue, long lastTime, long count, double mean, double stddev) {
    }

    public static DeviceStatus of(String deviceId, DeviceState state) {
        Map<String, SensorStatus> sensors = new TreeMap<>();
        state.sensors().forEach((type, sensor) -> sensors.put(type, new SensorStatus(sensor.lastValue(), sensor.lastTime(),
                sensor.baseline().count(), sensor.baseline().mean(), sensor.baseline().stddev())));
        return new DeviceStatus(deviceId, state.online() ? ONLINE : OFFLINE, state.lastEventTime(), state.lastSeenAt(), sensors);
    }
}
