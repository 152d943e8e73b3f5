package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.Draws.MINUTE;
import static io.streamsuite.devkit.generate.Draws.SECOND;

import io.streamsuite.devkit.generate.SensorSpec.DeviceKind;
import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.app.IotMonitoringApp;
import java.util.ArrayList;
import java.util.List;

/**
 * Sensor traffic for the IoT app: a fleet of devices, each reporting all its sensors every 3 to 8 seconds, values
 * following a slow daily cycle with bounded noise; the registry (location, thresholds) is published first.
 *
 * <p>Episodes are injected at a steady pace, one per device every {@value #MINUTES_PER_EPISODE} minutes on average:
 * spikes (anomalies, once a sensor has a settled baseline), drifts past a threshold and back, and silences longer
 * than the heartbeat timeout (most end after a few minutes, some after a quarter of an hour). No two alerts of one
 * type on one device and sensor fall within the app's 5-minute cooldown. The fleet is sized so that its readings
 * average the rate.
 */
public final class SensorGenerator implements TrafficGenerator {

    static final int MINUTES_PER_EPISODE = 20;
    /**
     * The share of time a device is silent: a quarter of the episodes are silences, of 75 s to 4 minutes (9 in 10)
     * or 8 to 20 minutes; the fleet is that much larger, so that the readings still average the rate.
     */
    static final double SILENT_SHARE = 0.25 * (0.9 * 157.5 + 0.1 * 840) / (MINUTES_PER_EPISODE * 60);
    private static final String READINGS = IotMonitoringApp.READINGS.name();
    private static final String DEVICES = IotMonitoringApp.DEVICES.name();
    private static final List<String> SITES = List.of("lyon", "porto", "gdansk", "brno");

    private final Agenda agenda = new Agenda();
    private final List<SimDevice> devices = new ArrayList<>();
    private final Draws injections;
    private final Arrivals episodes;

    public SensorGenerator(long seed, double rate, long start) {
        Draws draws = new Draws(seed);
        this.injections = new Draws(seed + 1);
        this.episodes = new Arrivals(start + 2 * MINUTE, injections);
        double sum = 0;
        while (sum < rate / (1 - SILENT_SHARE)) {
            DeviceKind kind = draws.pick(List.of(DeviceKind.values()));
            String id = String.format("%s-%04d", kind.prefix, devices.size() + 1);
            String location = draws.pick(SITES) + "/hall-" + draws.between(1, 4) + "/line-" + draws.between(1, 6);
            SimDevice device = new SimDevice(id, location, draws.between(3, 8) * SECOND, kind.sensors, draws, READINGS);
            devices.add(device);
            sum += device.rate();
        }
        agenda.at(start, this::publishRegistry);
        for (SimDevice device : devices) {
            agenda.at(start + draws.between(0, device.interval() - 1), device);
        }
        agenda.at(start + 2 * MINUTE, this::inject);
    }

    @Override
    public String domain() {
        return "iot";
    }

    @Override
    public String mainTopic() {
        return READINGS;
    }

    @Override
    public String eventNoun() {
        return "readings";
    }

    @Override
    public String unit() {
        return "rd";
    }

    @Override
    public long nextDue() {
        return agenda.nextDue();
    }

    @Override
    public List<Output> next(long now) {
        return agenda.runUntil(now);
    }

    /** The simulated devices, for tests. */
    List<SimDevice> devices() {
        return devices;
    }

    private void publishRegistry(long time, Agenda agenda, List<Output> out) {
        for (SimDevice device : devices) {
            out.add(Output.record(DEVICES, device.id(), device.registration(), time));
        }
    }

    /** Starts an episode on some device ready for it, and books the next attempt. */
    private void inject(long time, Agenda agenda, List<Output> out) {
        double draw = injections.uniform(0, 1);
        for (int attempt = 0; attempt < 12; attempt++) {
            SimDevice device = injections.pick(devices);
            SimSensor sensor = injections.pick(device.sensors());
            boolean started;
            if (draw < 0.45) {
                started = device.ready(sensor, AlertType.ANOMALY, time)
                        && device.spike(sensor, injections.uniform(6, 10));
            } else if (draw < 0.75) {
                int direction = sensor.min == null ? 1 : sensor.max == null || injections.chance(0.5) ? -1 : 1;
                AlertType alert = direction > 0 ? AlertType.THRESHOLD_HIGH : AlertType.THRESHOLD_LOW;
                started = (direction > 0 ? sensor.max : sensor.min) != null && device.ready(sensor, alert, time);
                if (started) {
                    device.drift(sensor, direction, time);
                }
            } else {
                started = device.readyToFallSilent(time);
                if (started) {
                    long millis = injections.chance(0.9)
                            ? injections.between(75 * SECOND, 4 * MINUTE)
                            : injections.between(8 * MINUTE, 20 * MINUTE);
                    long noticed = device.fallSilent(time, millis);
                    agenda.at(noticed, (at, a, o) -> device.noticeSilence(at, o));
                }
            }
            if (started) {
                break;
            }
        }
        double meanGap = (double) MINUTES_PER_EPISODE * MINUTE / devices.size();
        agenda.at(episodes.next(meanGap), this::inject);
    }
}
