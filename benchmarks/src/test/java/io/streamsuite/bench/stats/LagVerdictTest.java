package io.streamsuite.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.bench.stats.LagVerdict.LagSample;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagVerdictTest {

    @Test
    void aLagThatHoversWithinTheAllowanceIsBounded() {
        List<LagSample> lags = List.of(new LagSample(0, 1_000), new LagSample(1, 1_100), new LagSample(2, 900),
                new LagSample(3, 1_000));

        LagVerdict verdict = LagVerdict.judge(1_000, 990, lags, 1.1);

        // slope: mean t 1.5, mean lag 1,000; covariance 0 - 0.5 * 100 + 0.5 * -100 + 0 = -100 over variance 5
        assertThat(LagVerdict.slope(lags)).isEqualTo(-20.0);
        assertThat(verdict.bounded()).isTrue();
        assertThat(verdict.reason()).isEqualTo("lag at the end 1000 (allowed 1100), growing -20.0/s (allowed < 20.0/s)");
    }

    @Test
    void aLagGrowingFasterThanTwoPercentOfTheRateIsNotBoundedEvenWhileSmall() {
        // 1,000/s offered; the lag grows 50/s: it is under the allowance yet, but would not stay there
        List<LagSample> lags = List.of(new LagSample(0, 0), new LagSample(1, 50), new LagSample(2, 100),
                new LagSample(3, 150));

        LagVerdict verdict = LagVerdict.judge(1_000, 1_000, lags, 2.0);

        assertThat(LagVerdict.slope(lags)).isEqualTo(50.0);
        assertThat(verdict.bounded()).isFalse();
        assertThat(verdict.reason()).isEqualTo("lag at the end 150 (allowed 2000), growing 50.0/s (allowed < 20.0/s)");
    }

    @Test
    void aLagOverTheAllowanceAtTheEndIsNotBounded() {
        List<LagSample> lags = List.of(new LagSample(0, 2_500), new LagSample(1, 2_400), new LagSample(2, 2_300));

        assertThat(LagVerdict.judge(1_000, 1_000, lags, 2.0).bounded()).isFalse();
        assertThat(LagVerdict.judge(1_000, 1_000, lags, 2.5).bounded()).isTrue();
    }

    @Test
    void aGeneratorThatCannotSendTheRateFailsTheStep() {
        List<LagSample> lags = List.of(new LagSample(0, 0), new LagSample(1, 0));

        LagVerdict verdict = LagVerdict.judge(1_000, 949, lags, 2.0);

        assertThat(verdict.bounded()).isFalse();
        assertThat(verdict.reason()).isEqualTo("the generator sent 949/s of 1000/s offered: the machine cannot offer"
                + " this rate");
        assertThat(LagVerdict.judge(1_000, 950, lags, 2.0).bounded()).isTrue();
    }
}
