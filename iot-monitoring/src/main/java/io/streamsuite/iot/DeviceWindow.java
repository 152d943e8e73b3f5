package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.RunningStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One device's readings in one window, per sensor type: the windowed aggregate behind {@code iot-device-stats}.
 * Keyed by device rather than by device and sensor, so the input's partitioning serves and no repartition is needed.
 */
public record DeviceWindow(Map<String, RunningStats> sensors) {

    private static final DeviceWindow EMPTY = new DeviceWindow(Map.of());

    public DeviceWindow {
        sensors = Map.copyOf(sensors);
    }

    public static DeviceWindow empty() {
        return EMPTY;
    }

    public DeviceWindow add(Reading reading) {
        Map<String, RunningStats> updated = new HashMap<>(sensors);
        updated.merge(reading.sensorType(), RunningStats.empty().add(reading.value()),
                (stats, ignored) -> stats.add(reading.value()));
        return new DeviceWindow(updated);
    }

    /** One stats record per sensor, in sensor-type order. */
    public List<DeviceStats> toStats(String deviceId, long windowStart, long windowEnd) {
        return new TreeMap<>(sensors).entrySet().stream()
                .map(entry -> DeviceStats.of(deviceId, entry.getKey(), windowStart, windowEnd, entry.getValue()))
                .toList();
    }
}
