package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.EwmStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges a device's readings and silences: thresholds from the registry, anomalies against each sensor's running
 * statistics, offline and back online. Plain Java and stateless: the device's state is passed in and returned.
 *
 * <p><b>Why an anomaly does not poison its baseline.</b> A reading is judged against the statistics of the readings
 * before it, and only then added. An anomalous reading is added clipped to the edge of the normal band, {@code mean
 * ± zThreshold × stddev}: it moves the mean by at most {@code alpha × zThreshold × stddev} (0.2 standard deviations
 * with the defaults) and so cannot mask the next anomaly or make normal readings look anomalous, yet a lasting change
 * of level still pulls the baseline along, step by bounded step, until the new level is normal. During the warm-up,
 * and while a sensor has shown no spread at all, there is no band to clip to, so readings are added as they are.
 */
public final class DeviceMonitor {

    private final MonitorRules rules;
    private final long timeoutMillis;
    private final long cooldownMillis;

    public DeviceMonitor(MonitorRules rules) {
        this.rules = rules;
        this.timeoutMillis = rules.timeout().toMillis();
        this.cooldownMillis = rules.cooldown().toMillis();
    }

    /** A device's state after an event, and the alerts it raised (maybe none). */
    public record Outcome(DeviceState state, List<IotAlert> alerts) {
    }

    /**
     * @param before the device's state, empty for a device never seen
     * @param device its registry entry, empty if it is not registered
     * @param now    wall-clock time, for {@code detectedAt} and the wall-clock heartbeat
     */
    public Outcome onReading(Reading reading, Optional<DeviceState> before, Optional<Device> device, long now) {
        String location = device.map(Device::location).orElse(null);
        long time = reading.timestamp();
        double value = reading.value();
        Map<String, Long> lastAlerts = new HashMap<>(before.map(DeviceState::lastAlerts).orElse(Map.of()));
        List<IotAlert> alerts = new ArrayList<>(1);

        if (before.isPresent() && !before.get().online()) {
            raise(IotAlert.online(reading, before.get().lastEventTime(), location, now), time, lastAlerts, alerts);
        }
        Device.Range range = device.map(d -> d.thresholds().get(reading.sensorType())).orElse(null);
        if (range != null && range.max() != null && value > range.max()) {
            raise(IotAlert.threshold(reading, AlertType.THRESHOLD_HIGH, range.max(), location, now), time, lastAlerts,
                    alerts);
        }
        if (range != null && range.min() != null && value < range.min()) {
            raise(IotAlert.threshold(reading, AlertType.THRESHOLD_LOW, range.min(), location, now), time, lastAlerts,
                    alerts);
        }

        Map<String, SensorState> sensors = new HashMap<>(before.map(DeviceState::sensors).orElse(Map.of()));
        SensorState sensor = sensors.get(reading.sensorType());
        EwmStats baseline = sensor == null ? EwmStats.withAlpha(rules.alpha()) : sensor.baseline();
        double added = value;
        if (baseline.count() >= rules.warmUp()) {
            double z = baseline.zScore(value);
            if (Math.abs(z) > rules.zThreshold()) {
                raise(IotAlert.anomaly(reading, baseline.mean(), z, location, now), time, lastAlerts, alerts);
                // with no spread yet (a constant signal) there is no band to clip to: the baseline must learn that
                // the signal can move, or it would flag every later reading of a new level forever
                if (baseline.stddev() > 0) {
                    added = baseline.mean() + Math.signum(z) * rules.zThreshold() * baseline.stddev();
                }
            }
        }
        long lastTime = sensor == null ? time : Math.max(sensor.lastTime(), time);
        double lastValue = sensor == null || time >= sensor.lastTime() ? value : sensor.lastValue();
        sensors.put(reading.sensorType(), new SensorState(learn(baseline, added), lastValue, lastTime));

        long lastEventTime = before.map(state -> Math.max(state.lastEventTime(), time)).orElse(time);
        List<DeviceWindow> windows = before.map(DeviceState::windows).orElse(List.of());
        return new Outcome(new DeviceState(true, lastEventTime, now, sensors, lastAlerts, windows), alerts);
    }

    /**
     * Whether an online device has been silent for the timeout, and if so its offline state and alert.
     *
     * @param device      the device's registry entry, looked up only for one that goes offline
     * @param clockNow    the heartbeat clock's time: wall-clock or stream time
     * @param silentSince when it was last heard from on that clock
     * @param now         wall-clock time, for {@code detectedAt}
     */
    public Optional<Outcome> onSilence(String deviceId, DeviceState state, Supplier<Optional<Device>> device,
                                       long clockNow, long silentSince, long now) {
        if (!state.online() || clockNow - silentSince < timeoutMillis) {
            return Optional.empty();
        }
        Map<String, Long> lastAlerts = new HashMap<>(state.lastAlerts());
        List<IotAlert> alerts = new ArrayList<>(1);
        String location = device.get().map(Device::location).orElse(null);
        raise(IotAlert.offline(deviceId, clockNow, state.lastEventTime(), location, now), clockNow, lastAlerts, alerts);
        return Optional.of(new Outcome(new DeviceState(false, state.lastEventTime(), state.lastSeenAt(),
                state.sensors(), lastAlerts, state.windows()), alerts));
    }

    /**
     * The baseline with one more value, or the baseline as it was if the value would make its mean or variance
     * overflow (two finite readings such as +1e308 and -1e308 differ by more than the largest double): one such
     * value must not turn the sensor's statistics into NaN and switch its anomaly detection off for good.
     */
    static EwmStats learn(EwmStats baseline, double value) {
        try {
            EwmStats learned = baseline.add(value);
            return Double.isFinite(learned.mean()) && Double.isFinite(learned.variance()) ? learned : baseline;
        } catch (IllegalArgumentException overflowed) {
            // a NaN or negative infinite variance, which EwmStats refuses
            return baseline;
        }
    }

    /** Adds the alert unless the same device, sensor and type alerted within the cooldown of {@code time}. */
    private void raise(IotAlert alert, long time, Map<String, Long> lastAlerts, List<IotAlert> alerts) {
        String key = alert.type() + "/" + (alert.sensorType() == null ? "" : alert.sensorType());
        Long last = lastAlerts.get(key);
        // either side: a late reading just before the last alert is as much a repeat as one just after
        if (last != null && Math.abs(time - last) < cooldownMillis) {
            return;
        }
        lastAlerts.put(key, last == null ? time : Math.max(last, time));
        alerts.add(alert);
    }
}
