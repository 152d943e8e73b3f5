package io.streamsuite.bench.stats;

import java.util.List;

/**
 * The steady part of a drain: from the first look at which the group had committed at least {@code startShare} of the
 * input to the last look (everything committed). JVM start, the first rebalance, JIT warm-up and the state's growth
 * to its steady size all fall before the start, so the records, seconds and CPU counted are those of steady state;
 * both ends are commits, so the records counted are exactly those processed in between.
 *
 * @param records          input records committed inside the window
 * @param seconds          wall time of the window
 * @param appCpuSeconds    CPU time of the measured process inside the window
 * @param brokerCpuSeconds CPU time of the broker inside the window
 */
public record SteadyWindow(long records, double seconds, double appCpuSeconds, double brokerCpuSeconds) {

    /** The share of the input after which a drain counts, unless told otherwise. */
    public static final double DEFAULT_START_SHARE = 0.2;

    /**
     * @param samples    the looks, in time order, the last one with everything committed
     * @param total      the input's records
     * @param startShare 0.2 for "from 20 % of the committed offsets"
     * @throws IllegalStateException when the window holds no records (a drain too short to time)
     */
    public static SteadyWindow of(List<DrainSample> samples, long total, double startShare) {
        if (samples.isEmpty() || total <= 0 || !(startShare >= 0 && startShare < 1)) {
            throw new IllegalArgumentException("Need samples, a positive total and a start share in [0, 1): "
                    + samples.size() + " samples, total " + total + ", start share " + startShare);
        }
        long threshold = (long) Math.ceil(startShare * total);
        DrainSample last = samples.get(samples.size() - 1);
        DrainSample first = samples.stream()
                .filter(sample -> sample.committed() >= threshold && sample.committed() > 0)
                .findFirst()
                .orElse(last);
        long records = last.committed() - first.committed();
        if (records <= 0 || last.nanos() <= first.nanos()) {
            throw new IllegalStateException("The steady window (from " + threshold + " of " + total
                    + " records committed) holds no records: too few records to time; raise --records");
        }
        return new SteadyWindow(records, (last.nanos() - first.nanos()) / 1e9,
                last.appCpuSeconds() - first.appCpuSeconds(), last.brokerCpuSeconds() - first.brokerCpuSeconds());
    }

    public double recordsPerSecond() {
        return records / seconds;
    }

    /** CPU seconds of the measured process per million input records. */
    public double appCpuPerMillion() {
        return appCpuSeconds / records * 1_000_000;
    }

    /** CPU seconds of the broker per million input records (what serving this variant cost the broker). */
    public double brokerCpuPerMillion() {
        return brokerCpuSeconds / records * 1_000_000;
    }
}
