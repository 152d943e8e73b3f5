package io.streamsuite.bench.workload;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.Reading;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Contract-shaped readings of a fixed fleet, each device reporting each of its sensors every {@code interval} (with
 * up to 10 % jitter, or none), in event-time order: values follow a daily cycle with noise, and a rare spike gives the
 * anomaly rule something to find. Event time advances at the fleet's real pace (devices x sensors / interval per
 * second). The same seed gives the same readings.
 */
public final class FleetTraffic implements Iterator<Keyed> {

    /** The share of readings that spike far from the device's usual value. */
    static final double SPIKE_SHARE = 0.0005;
    private static final long DAY = 86_400_000L;
    private static final String[][] SENSORS = {{"temperature", "C"}, {"humidity", "%"}, {"pressure", "hPa"}};
    private static final double[] BASE = {21, 45, 1013};
    private static final double[] SWING = {3, 10, 5};

    private record Due(long time, int device, int sensor) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(time, other.time);
            if (byTime != 0) {
                return byTime;
            }
            int byDevice = Integer.compare(device, other.device);
            return byDevice != 0 ? byDevice : Integer.compare(sensor, other.sensor);
        }
    }

    private final SplittableRandom random;
    private final PriorityQueue<Due> agenda = new PriorityQueue<>();
    private final long interval;
    private final boolean jitter;
    private final int sensors;
    private final String prefix;

    /**
     * @param sensors  sensors per device, 1 to 3 (temperature, humidity, pressure)
     * @param interval between two readings of one sensor
     * @param jitter   whether readings wander up to 10 % of the interval around their due time
     */
    public FleetTraffic(int devices, int sensors, long interval, boolean jitter, long start, long seed, String prefix) {
        if (devices < 1 || sensors < 1 || sensors > SENSORS.length || interval < 1) {
            throw new IllegalArgumentException("Need devices >= 1, 1 to 3 sensors and a positive interval: " + devices
                    + ", " + sensors + ", " + interval);
        }
        this.random = new SplittableRandom(seed);
        this.interval = interval;
        this.jitter = jitter;
        this.sensors = sensors;
        this.prefix = prefix;
        for (int device = 0; device < devices; device++) {
            long first = start + (jitter ? random.nextLong(interval) : 0);
            for (int sensor = 0; sensor < sensors; sensor++) {
                agenda.add(new Due(first, device, sensor));
            }
        }
    }

    /** Readings per second of event time the fleet makes. */
    public static double ratePerSecond(int devices, int sensors, long interval) {
        return devices * sensors * 1000.0 / interval;
    }

    public String deviceId(int device) {
        return String.format("%s%06d", prefix, device);
    }

    /** The registry entries of the fleet (location, thresholds the usual values stay within), for iot-devices. */
    public List<Keyed> registry(int devices, long time) {
        List<Keyed> entries = new ArrayList<>();
        for (int device = 0; device < devices; device++) {
            Map<String, Device.Range> thresholds = new java.util.HashMap<>();
            for (int sensor = 0; sensor < sensors; sensor++) {
                thresholds.put(SENSORS[sensor][0], new Device.Range(BASE[sensor] - 4 * SWING[sensor],
                        BASE[sensor] + 4 * SWING[sensor]));
            }
            String id = deviceId(device);
            entries.add(new Keyed(id, new Device(id, "site-" + device % 7 + "/hall-" + device % 3, thresholds), time));
        }
        return entries;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Keyed next() {
        Due due = agenda.poll();
        long step = jitter ? interval - interval / 10 + random.nextLong(interval / 5 + 1) : interval;
        agenda.add(new Due(due.time() + step, due.device(), due.sensor()));
        int s = due.sensor();
        double phase = 2 * Math.PI * (due.time() % DAY) / DAY;
        double value = BASE[s] + SWING[s] * Math.sin(phase + due.device()) + random.nextGaussian() * SWING[s] / 10;
        if (random.nextDouble() < SPIKE_SHARE) {
            value += 6 * SWING[s];
        }
        String id = deviceId(due.device());
        return new Keyed(id, new Reading(id, SENSORS[s][0], Math.round(value * 1000) / 1000.0, SENSORS[s][1],
                due.time()), due.time());
    }
}
