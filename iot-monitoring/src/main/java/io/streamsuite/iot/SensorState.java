package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.EwmStats;

/**
 * What the monitor knows of one sensor of one device.
 *
 * @param baseline  the exponentially weighted running mean and variance the next reading is judged against
 * @param lastValue the latest reading's value
 * @param lastTime  the latest reading's event time
 */
public record SensorState(EwmStats baseline, double lastValue, long lastTime) {
}
