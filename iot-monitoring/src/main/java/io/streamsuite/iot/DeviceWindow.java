package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.RunningStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One device's readings in one open 1-minute window, per sensor type: what becomes its {@code iot-device-stats}
 * records when the window closes. Kept inside the device's state, so a reading costs no store of its own.
 *
 * @param start   the window's start, epoch milliseconds
 * @param latest  the event time of its newest reading: the timestamp of its output records
 * @param sensors per sensor type, the statistics of the window's readings
 */
public record DeviceWindow(long start, long latest, Map<String, RunningStats> sensors) {

    public DeviceWindow {
        sensors = Map.copyOf(sensors);
    }

    /** A window holding one reading. */
    public static DeviceWindow of(long start, String sensorType, double value, long time) {
        return new DeviceWindow(start, time, Map.of(sensorType, RunningStats.empty().add(value)));
    }

    /**
     * The window with one more reading, or null if counting it would overflow its statistics (values near the
     * largest double whose differences or squares are no longer finite).
     */
    public DeviceWindow add(String sensorType, double value, long time) {
        RunningStats before = sensors.get(sensorType);
        RunningStats after;
        try {
            after = (before == null ? RunningStats.empty() : before).add(value);
        } catch (IllegalArgumentException overflowed) {
            // an infinite difference makes m2 negative infinity, which RunningStats refuses
            return null;
        }
        if (!Double.isFinite(after.mean()) || !Double.isFinite(after.m2())) {
            return null;
        }
        Map<String, RunningStats> updated = new HashMap<>(sensors);
        updated.put(sensorType, after);
        return new DeviceWindow(start, Math.max(latest, time), updated);
    }

    /** One stats record per sensor, in sensor-type order. */
    public List<DeviceStats> toStats(String deviceId, long windowEnd) {
        return new TreeMap<>(sensors).entrySet().stream()
                .map(entry -> DeviceStats.of(deviceId, entry.getKey(), start, windowEnd, entry.getValue()))
                .toList();
    }
}
