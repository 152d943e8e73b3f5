package io.streamsuite.iot;

import java.time.Duration;

/**
 * How the monitor judges readings and silences.
 *
 * @param zThreshold how many running standard deviations from the running mean make a reading an anomaly
 * @param warmUp     how many readings of a device and sensor build its baseline before any is judged
 * @param alpha      weight of the newest reading in the running statistics
 * @param timeout    how long a device may be silent before it is offline
 * @param cooldown   at most one alert per device, sensor and alert type within this span
 */
public record MonitorRules(double zThreshold, int warmUp, double alpha, Duration timeout, Duration cooldown) {
}
