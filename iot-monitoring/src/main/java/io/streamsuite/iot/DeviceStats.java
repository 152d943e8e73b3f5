package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.RunningStats;

/**
 * One record of {@code iot-device-stats}: one sensor of one device over one closed window.
 *
 * @param stddev the population standard deviation of the window's values
 */
public record DeviceStats(String deviceId, String sensorType, long windowStart, long windowEnd, long count,
                          double min, double max, double mean, double stddev) {

    static DeviceStats of(String deviceId, String sensorType, long windowStart, long windowEnd, RunningStats stats) {
        return new DeviceStats(deviceId, sensorType, windowStart, windowEnd, stats.count(), stats.min(), stats.max(),
                stats.mean(), stats.stddev());
    }
}
