package io.streamsuite.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyWindowTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsFromTheFirstLookAtOrPastTheStartShareToTheEnd() {
        // 1,000 records; 20 % is 200: the look at 3 s (250 committed) starts the window, the one at 2 s (150) does not
        List<DrainSample> samples = List.of(
                new DrainSample(0, 0, 1.0, 10.0),
                new DrainSample(1 * SECOND, 50, 3.0, 10.5),
                new DrainSample(2 * SECOND, 150, 5.0, 11.0),
                new DrainSample(3 * SECOND, 250, 6.0, 11.2),
                new DrainSample(8 * SECOND, 1_000, 8.25, 11.5));

        SteadyWindow window = SteadyWindow.of(samples, 1_000, 0.2);

        assertThat(window.records()).isEqualTo(750);
        assertThat(window.seconds()).isEqualTo(5.0);
        assertThat(window.recordsPerSecond()).isEqualTo(150.0);
        assertThat(window.appCpuSeconds()).isEqualTo(2.25);
        assertThat(window.appCpuPerMillion()).isEqualTo(3_000.0);
        assertThat(window.brokerCpuSeconds()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(window.brokerCpuPerMillion()).isCloseTo(400.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLookExactlyAtTheStartShareStartsTheWindow() {
        List<DrainSample> samples = List.of(new DrainSample(0, 100, 0, 0), new DrainSample(2 * SECOND, 500, 1, 0));

        assertThat(SteadyWindow.of(samples, 500, 0.2)).isEqualTo(new SteadyWindow(400, 2.0, 1.0, 0.0));
    }

    @Test
    void aDrainWhoseWindowHoldsNothingIsRefused() {
        // everything committed at the first look past 20 %: nothing between the window's ends
        List<DrainSample> samples = List.of(new DrainSample(0, 0, 0, 0), new DrainSample(SECOND, 1_000, 1, 1));

        assertThatThrownBy(() -> SteadyWindow.of(samples, 1_000, 0.2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("raise --records");
    }
}
