package io.streamsuite.devkit.generate;

import io.streamsuite.topologies.windowing.EwmStats;

/**
 * One sensor of a simulated device: its level, daily cycle and noise, the thresholds the registry gives it, the
 * episode injected into it (a spike or a drift past a threshold), and the running statistics the IoT app keeps of it
 * (the same exponentially weighted mean and variance, fed the same way), which decide what the app calls an anomaly.
 */
final class SimSensor {

    private static final double DAY_MS = 86_400_000.0;

    final SensorSpec spec;
    final Double min;
    final Double max;
    private final double base;
    private final double swing;
    private final double phase;

    /** The app's baseline for this device and sensor, as the app builds it from the readings sent. */
    EwmStats baseline;
    /** A spike due on the next reading: how many running standard deviations from the mean, signed; 0 for none. */
    double spikeSigmas;
    /** A drift past a threshold under way, or null. */
    Ramp ramp;
    /** When its last episode ended, or {@link Long#MIN_VALUE}. */
    long calmSince = Long.MIN_VALUE;

    SimSensor(SensorSpec spec, Draws draws, double alpha) {
        this.spec = spec;
        this.base = draws.uniform(spec.base()[0], spec.base()[1]);
        this.swing = draws.uniform(spec.dailySwing()[0], spec.dailySwing()[1]);
        this.phase = draws.uniform(0, 2 * Math.PI);
        this.min = spec.minMargin() == null ? null
                : round(Math.max(spec.physicalMin(), base - swing - draws.uniform(spec.minMargin()[0],
                spec.minMargin()[1])));
        this.max = spec.maxMargin() == null ? null
                : round(Math.min(spec.physicalMax(), base + swing + draws.uniform(spec.maxMargin()[0],
                spec.maxMargin()[1])));
        this.baseline = EwmStats.withAlpha(alpha);
    }

    /** The value without noise at a time: the level plus the daily cycle. */
    double normal(long time) {
        return base + swing * Math.sin(2 * Math.PI * (time / DAY_MS) + phase);
    }

    double round(double value) {
        return Draws.round(Math.max(spec.physicalMin(), Math.min(spec.physicalMax(), value)), spec.decimals());
    }

    /** Whether a value is inside the thresholds with room to spare, and physically possible. */
    boolean comfortablyInside(double value) {
        double room = 3 * spec.noise();
        return value > spec.physicalMin() && value < spec.physicalMax()
                && (min == null || value > min + room) && (max == null || value < max - room);
    }

    boolean busy() {
        return spikeSigmas != 0 || ramp != null;
    }

    /** A drift of the value past a threshold and back: up to it, a few readings beyond, and down again. */
    static final class Ramp {
        enum Phase { TOWARDS, BEYOND, BACK, DONE }

        final int direction;
        final double bound;
        final long startedAt;
        private final double margin;
        private final double step;
        private Phase phase = Phase.TOWARDS;
        private int beyondLeft;
        private double offset;

        /**
         * @param direction +1 past the maximum, -1 below the minimum
         * @param margin    how far past the bound the value goes
         * @param step      how much the offset changes per reading at most
         * @param beyond    how many readings it stays past the bound
         */
        Ramp(int direction, double bound, double margin, double step, int beyond, long startedAt) {
            this.direction = direction;
            this.bound = bound;
            this.margin = margin;
            this.step = step;
            this.beyondLeft = beyond;
            this.startedAt = startedAt;
        }

        /** The offset to add to the normal value for the next reading. */
        double next(double normal) {
            double needed = bound + direction * margin - normal;
            switch (phase) {
                case TOWARDS -> {
                    offset += direction * step;
                    if (direction * (offset - needed) >= 0) {
                        offset = needed;
                        phase = Phase.BEYOND;
                    }
                }
                case BEYOND -> {
                    offset = needed;
                    if (--beyondLeft <= 0) {
                        phase = Phase.BACK;
                    }
                }
                case BACK -> {
                    offset -= direction * step;
                    if (direction * offset <= 0) {
                        offset = 0;
                        phase = Phase.DONE;
                    }
                }
                case DONE -> offset = 0;
            }
            return offset;
        }

        /** The offset actually sent, when keeping clear of an anomaly held the value back. */
        void settle(double actual) {
            if (phase != Phase.DONE) {
                offset = actual;
            }
        }

        boolean done() {
            return phase == Phase.DONE;
        }
    }
}
