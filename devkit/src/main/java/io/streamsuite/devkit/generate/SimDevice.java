package io.streamsuite.devkit.generate;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulated device: it reports every sensor every few seconds, and follows the IoT app's rules at their defaults
 * (z-threshold 4 after 30 readings, alpha 0.05, 60 s heartbeat, 5-minute cooldown) to know which of its readings and
 * silences the app alerts on, so that the ground truth names exactly those.
 *
 * <p>Outside injected spikes a reading is kept within {@value #GUARD_SIGMAS} running standard deviations of the
 * running mean (bounded noise hardly ever needs it; a drift towards a threshold does, so that it is a breach and not
 * an anomaly).
 */
final class SimDevice implements Agenda.Actor {

    static final double Z_THRESHOLD = 4;
    static final int WARM_UP = 30;
    static final double ALPHA = 0.05;
    static final long TIMEOUT_MS = 60_000;
    static final long COOLDOWN_MS = 5 * 60_000;
    static final double GUARD_SIGMAS = 3;

    private final String id;
    private final String location;
    private final long interval;
    private final List<SimSensor> sensors;
    private final Draws draws;
    private final String topic;
    /** When each alert type last fired per sensor ({@code TYPE/sensor}, sensor empty for heartbeats), as in the app. */
    private final Map<String, Long> lastAlerts = new HashMap<>();
    private boolean offline;
    private long lastReading = Long.MIN_VALUE;
    private long silentUntil = Long.MIN_VALUE;

    SimDevice(String id, String location, long interval, List<SensorSpec> specs, Draws draws, String topic) {
        this.id = id;
        this.location = location;
        this.interval = interval;
        this.draws = draws;
        this.topic = topic;
        List<SimSensor> list = new ArrayList<>();
        for (SensorSpec spec : specs) {
            list.add(new SimSensor(spec, draws, ALPHA));
        }
        this.sensors = List.copyOf(list);
    }

    String id() {
        return id;
    }

    List<SimSensor> sensors() {
        return sensors;
    }

    /** Readings per second. */
    double rate() {
        return sensors.size() * 1000.0 / interval;
    }

    long interval() {
        return interval;
    }

    /** Its entry in the {@code iot-devices} registry. */
    Device registration() {
        Map<String, Device.Range> thresholds = new LinkedHashMap<>();
        for (SimSensor sensor : sensors) {
            if (sensor.min != null || sensor.max != null) {
                thresholds.put(sensor.spec.type(), new Device.Range(sensor.min, sensor.max));
            }
        }
        return new Device(id, location, thresholds);
    }

    @Override
    public void act(long time, Agenda agenda, List<Output> out) {
        if (time < silentUntil) {
            agenda.at(silentUntil, this);
            return;
        }
        for (SimSensor sensor : sensors) {
            report(sensor, time, out);
        }
        lastReading = time;
        // a little jitter, as clocks and networks have; never enough to come near the timeout
        agenda.at(time + interval + draws.between(-150, 150), this);
    }

    private void report(SimSensor sensor, long time, List<Output> out) {
        double normal = sensor.normal(time);
        double noise = draws.boundedNoise(sensor.spec.noise());
        double value;
        String intent = null;
        if (sensor.spikeSigmas != 0) {
            value = sensor.round(sensor.baseline.mean() + sensor.spikeSigmas * sensor.baseline.stddev());
            intent = "an injected spike";
            sensor.spikeSigmas = 0;
            sensor.calmSince = time;
        } else {
            double offset = sensor.ramp == null ? 0 : sensor.ramp.next(normal);
            value = sensor.round(guard(sensor, normal + offset + noise));
            if (sensor.ramp != null) {
                sensor.ramp.settle(value - normal - noise);
                intent = String.format(Locale.ROOT, "drifting %s for %d s", sensor.ramp.direction > 0 ? "up" : "down",
                        (time - sensor.ramp.startedAt) / 1000);
                if (sensor.ramp.done()) {
                    sensor.ramp = null;
                    sensor.calmSince = time;
                }
            }
        }
        Reading reading = new Reading(id, sensor.spec.type(), value, sensor.spec.unit(), time);
        out.add(Output.record(topic, id, reading, time, judge(sensor, reading, intent)));
    }

    /** Keeps a reading that is not a spike within a few running standard deviations of the running mean. */
    private double guard(SimSensor sensor, double value) {
        if (sensor.baseline.count() < WARM_UP) {
            return value;
        }
        double z = sensor.baseline.zScore(value);
        if (Math.abs(z) <= GUARD_SIGMAS) {
            return value;
        }
        return sensor.baseline.mean() + Math.signum(z) * GUARD_SIGMAS * sensor.baseline.stddev();
    }

    /** What the app makes of a reading, in its order: back online, thresholds, anomaly; then the baseline moves. */
    private List<Truth> judge(SimSensor sensor, Reading reading, String intent) {
        List<Truth> truths = new ArrayList<>(1);
        long time = reading.timestamp();
        double value = reading.value();
        String type = sensor.spec.type();
        if (offline) {
            offline = false;
            if (raise(AlertType.DEVICE_ONLINE, null, time)) {
                truths.add(IotTruth.device(id, AlertType.DEVICE_ONLINE.name(), time, lastReading,
                        "reports again after " + (time - lastReading) / 1000 + " s of silence"));
            }
        }
        if (sensor.max != null && value > sensor.max && raise(AlertType.THRESHOLD_HIGH, type, time)) {
            truths.add(IotTruth.reading(id, type, AlertType.THRESHOLD_HIGH.name(), time, value, sensor.max,
                    format(sensor, value) + " above the maximum " + format(sensor, sensor.max)
                            + (intent == null ? "" : ": " + intent)));
        }
        if (sensor.min != null && value < sensor.min && raise(AlertType.THRESHOLD_LOW, type, time)) {
            truths.add(IotTruth.reading(id, type, AlertType.THRESHOLD_LOW.name(), time, value, sensor.min,
                    format(sensor, value) + " below the minimum " + format(sensor, sensor.min)
                            + (intent == null ? "" : ": " + intent)));
        }
        double added = value;
        if (sensor.baseline.count() >= WARM_UP) {
            double z = sensor.baseline.zScore(value);
            if (Math.abs(z) > Z_THRESHOLD) {
                if (raise(AlertType.ANOMALY, type, time)) {
                    truths.add(IotTruth.reading(id, type, AlertType.ANOMALY.name(), time, value, null,
                            String.format(Locale.ROOT, "%s against a running mean of %s: z %+.1f (limit 4)%s",
                                    format(sensor, value), format(sensor, sensor.baseline.mean()), z,
                                    intent == null ? "" : ", " + intent)));
                }
                // the app adds an anomalous reading clipped to the edge of the normal band
                added = sensor.baseline.mean() + Math.signum(z) * Z_THRESHOLD * sensor.baseline.stddev();
            }
        }
        sensor.baseline = sensor.baseline.add(added);
        return truths;
    }

    /** The app's cooldown: whether an alert of this type and sensor fires now, and if so remembering it. */
    private boolean raise(AlertType alert, String sensorType, long time) {
        String key = alert + "/" + (sensorType == null ? "" : sensorType);
        Long last = lastAlerts.get(key);
        if (last != null && Math.abs(time - last) < COOLDOWN_MS) {
            return false;
        }
        lastAlerts.put(key, last == null ? time : Math.max(last, time));
        return true;
    }

    // ---- injection ----

    /** Whether nothing is injected into the device now. */
    boolean idle(long time) {
        return time >= silentUntil && lastReading != Long.MIN_VALUE
                && sensors.stream().noneMatch(SimSensor::busy);
    }

    /** Whether a sensor's baseline is settled and an alert of the type would not fall in a cooldown. */
    boolean ready(SimSensor sensor, AlertType alert, long time) {
        return idle(time) && sensor.baseline.count() >= WARM_UP + 10
                && sensor.baseline.stddev() <= 1.5 * sensor.spec.noise()
                && (sensor.calmSince == Long.MIN_VALUE || time - sensor.calmSince >= COOLDOWN_MS)
                && cooled(alert, sensor.spec.type(), time);
    }

    boolean readyToFallSilent(long time) {
        return idle(time) && cooled(AlertType.DEVICE_OFFLINE, null, time) && cooled(AlertType.DEVICE_ONLINE, null,
                time);
    }

    /** Whether an alert of this type would fire now with a minute to spare, as far as the cooldown goes. */
    private boolean cooled(AlertType alert, String sensorType, long time) {
        Long last = lastAlerts.get(alert + "/" + (sensorType == null ? "" : sensorType));
        return last == null || time - last >= COOLDOWN_MS + 60_000;
    }

    /**
     * Makes the next reading of the sensor a spike, if one fits within the thresholds.
     *
     * @return whether it does
     */
    boolean spike(SimSensor sensor, double sigmas) {
        for (double signed : new double[] {sigmas, -sigmas}) {
            double value = sensor.baseline.mean() + signed * sensor.baseline.stddev();
            if (sensor.comfortablyInside(value)) {
                sensor.spikeSigmas = signed;
                return true;
            }
        }
        return false;
    }

    void drift(SimSensor sensor, int direction, long time) {
        double bound = direction > 0 ? sensor.max : sensor.min;
        double noise = sensor.spec.noise();
        double distance = Math.abs(bound - sensor.normal(time));
        sensor.ramp = new SimSensor.Ramp(direction, bound, draws.uniform(3, 6) * noise,
                distance / draws.uniform(10, 25), draws.between(3, 10), time);
    }

    /**
     * Stops reporting from now for {@code millis} (more than the timeout after its last reading).
     *
     * @return the moment the app's heartbeat finds it silent, at which {@link #noticeSilence} is due
     */
    long fallSilent(long time, long millis) {
        silentUntil = time + millis;
        return lastReading + TIMEOUT_MS;
    }

    /** The app's heartbeat finds the device silent. */
    void noticeSilence(long time, List<Output> out) {
        if (offline) {
            return;
        }
        offline = true;
        if (raise(AlertType.DEVICE_OFFLINE, null, time)) {
            out.add(Output.truthOnly(IotTruth.device(id, AlertType.DEVICE_OFFLINE.name(), time, lastReading,
                    "no reading for " + TIMEOUT_MS / 1000 + " s (silent for " + (silentUntil - lastReading) / 1000
                            + " s in all)"), time));
        }
    }

    private static String format(SimSensor sensor, double value) {
        return String.format(Locale.ROOT, "%." + sensor.spec.decimals() + "f %s", value, sensor.spec.unit());
    }
}
