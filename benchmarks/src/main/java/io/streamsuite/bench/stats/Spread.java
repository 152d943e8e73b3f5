package io.streamsuite.bench.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The repeats of one measurement: their median (what the report quotes) and how far apart they were (min, max), so a
 * reader sees at once whether a difference between two variants is larger than the noise of either.
 */
public record Spread(double median, double min, double max, int n) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to summarise");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int size = sorted.size();
        double median = size % 2 == 1
                ? sorted.get(size / 2)
                : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(size - 1), size);
    }

    /** (max - min) / median: 0.10 means the repeats lay within 10 % of the median's size of each other. */
    public double relativeSpread() {
        return median == 0 ? 0 : (max - min) / median;
    }
}
