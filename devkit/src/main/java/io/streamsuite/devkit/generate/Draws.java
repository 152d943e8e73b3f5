package io.streamsuite.devkit.generate;

import java.util.List;
import java.util.Random;

/** The random draws the generators share, on one seeded {@link Random} each, so a seed replays a run exactly. */
final class Draws {

    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;

    private final Random random;

    Draws(long seed) {
        this.random = new Random(seed);
    }

    /** Uniform in {@code [from, to)}. */
    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform in {@code [from, to]}. */
    long between(long from, long to) {
        return from + random.nextLong(to - from + 1);
    }

    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Exponentially distributed with the given mean. */
    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    int index(int size) {
        return random.nextInt(size);
    }

    /** Noise bounded by {@code ±3 sd}, with standard deviation {@code sd}: the sum of three uniforms, never a tail. */
    double boundedNoise(double sd) {
        return sd * (uniform(-1, 1) + uniform(-1, 1) + uniform(-1, 1));
    }

    Random random() {
        return random;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static double cents(double amount) {
        return round(amount, 2);
    }
}
