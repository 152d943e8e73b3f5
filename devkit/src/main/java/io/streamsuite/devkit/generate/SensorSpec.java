package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * A kind of sensor: its unit, its usual level, how much it swings over a day and how noisy it is, and how far from
 * its range the registry puts the thresholds. Noise is bounded (3 standard deviations at most), so that a normal
 * reading is never far from the sensor's running mean; the thresholds are many times farther.
 *
 * @param base           range of the level a sensor settles at
 * @param dailySwing     range of the amplitude of its daily cycle
 * @param noise          standard deviation of its noise
 * @param minMargin      how far below its lowest normal value the minimum threshold lies (range), null: no minimum
 * @param maxMargin      how far above its highest normal value the maximum threshold lies (range), null: no maximum
 * @param physicalMin    no value below this (a vibration is never negative)
 * @param physicalMax    no value above this (humidity is at most 100 %)
 * @param decimals       how values are rounded
 */
record SensorSpec(String type, String unit, double[] base, double[] dailySwing, double noise, double[] minMargin,
                  double[] maxMargin, double physicalMin, double physicalMax, int decimals) {

    static final SensorSpec ROOM_TEMPERATURE = new SensorSpec("temperature", "°C", range(19, 24), range(1, 2.5), 0.15,
            range(4, 6), range(4, 6), -40, 120, 2);
    static final SensorSpec HUMIDITY = new SensorSpec("humidity", "%", range(38, 55), range(3, 8), 0.6,
            range(12, 18), range(12, 18), 0, 100, 1);
    static final SensorSpec MOTOR_TEMPERATURE = new SensorSpec("temperature", "°C", range(48, 62), range(1.5, 3), 0.4,
            null, range(10, 15), -40, 200, 2);
    static final SensorSpec VIBRATION = new SensorSpec("vibration", "mm/s", range(1.8, 3.5), range(0.05, 0.15), 0.12,
            null, range(2.5, 4), 0, 100, 3);
    static final SensorSpec PRESSURE = new SensorSpec("pressure", "bar", range(6.5, 8), range(0.05, 0.1), 0.04,
            range(0.8, 1.2), range(0.8, 1.2), 0, 20, 3);
    static final SensorSpec AIR_TEMPERATURE = new SensorSpec("temperature", "°C", range(35, 45), range(1, 2), 0.3,
            null, range(8, 12), -40, 200, 2);

    /** A kind of device, named in its id, with its sensors. */
    enum DeviceKind {
        ENV("env", List.of(ROOM_TEMPERATURE, HUMIDITY)),
        MOTOR("motor", List.of(MOTOR_TEMPERATURE, VIBRATION)),
        COMPRESSOR("comp", List.of(PRESSURE, AIR_TEMPERATURE));

        final String prefix;
        final List<SensorSpec> sensors;

        DeviceKind(String prefix, List<SensorSpec> sensors) {
            this.prefix = prefix;
            this.sensors = sensors;
        }
    }

    private static double[] range(double from, double to) {
        return new double[] {from, to};
    }
}
