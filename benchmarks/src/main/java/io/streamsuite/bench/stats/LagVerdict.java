package io.streamsuite.bench.stats;

import java.util.List;
import java.util.Locale;

/**
 * Whether a variant kept up with one step of offered load: the generator sent what was offered, and the variant's lag
 * (input records not yet committed) stayed bounded rather than growing with time.
 *
 * <p>Bounded means both: the lag at the end of the step is within {@code allowanceSeconds} of input at the offered
 * rate (the commit interval plus some slack: a committed offset trails the processed one by up to a commit
 * interval), and the lag's least-squares slope over the step grows by less than {@value #MAX_GROWTH_SHARE} of the
 * offered rate per second. A variant that falls 2 % behind forever fails the slope test within one step; one that
 * pauses for a rebalance and catches up passes it.
 *
 * @param bounded whether the variant sustained the step
 * @param reason  the figures behind the verdict, for the log and the report
 */
public record LagVerdict(boolean bounded, String reason) {

    /** The generator must send at least this share of what was offered for the step to count. */
    public static final double MIN_SENT_SHARE = 0.95;
    /** The most the lag may grow per second, as a share of the offered rate. */
    public static final double MAX_GROWTH_SHARE = 0.02;

    /** One look at the lag: seconds since the step started, and the records not yet committed. */
    public record LagSample(double seconds, long lag) {
    }

    /**
     * @param offeredRate      records per second the generator was asked for
     * @param sentRate         records per second it sent (the input's end offsets over the step)
     * @param lags             the looks at the lag during the step, in time order, at least two
     * @param allowanceSeconds how many seconds of input the lag may hold at the end
     */
    public static LagVerdict judge(double offeredRate, double sentRate, List<LagSample> lags, double allowanceSeconds) {
        if (lags.size() < 2) {
            throw new IllegalArgumentException("Need at least two looks at the lag, got " + lags.size());
        }
        if (sentRate < MIN_SENT_SHARE * offeredRate) {
            return new LagVerdict(false, String.format(Locale.ROOT,
                    "the generator sent %.0f/s of %.0f/s offered: the machine cannot offer this rate", sentRate,
                    offeredRate));
        }
        double slope = slope(lags);
        long endLag = lags.get(lags.size() - 1).lag();
        double allowance = allowanceSeconds * offeredRate;
        boolean bounded = endLag <= allowance && slope < MAX_GROWTH_SHARE * offeredRate;
        return new LagVerdict(bounded, String.format(Locale.ROOT,
                "lag at the end %d (allowed %.0f), growing %.1f/s (allowed < %.1f/s)", endLag, allowance, slope,
                MAX_GROWTH_SHARE * offeredRate));
    }

    /** The least-squares slope of lag over time, in records per second. */
    static double slope(List<LagSample> lags) {
        double n = lags.size();
        double meanT = lags.stream().mapToDouble(LagSample::seconds).sum() / n;
        double meanL = lags.stream().mapToDouble(LagSample::lag).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (LagSample sample : lags) {
            covariance += (sample.seconds() - meanT) * (sample.lag() - meanL);
            variance += (sample.seconds() - meanT) * (sample.seconds() - meanT);
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}
