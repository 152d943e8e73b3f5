package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finite readings whose differences are not finite must not poison a sensor's statistics. */
class DeviceMonitorOverflowTest {

    private final DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(4, 30, 0.05, Duration.ofSeconds(60),
            Duration.ofMinutes(5)));

    @Test
    void aReadingThatWouldOverflowTheBaselineLeavesItAsItWas() {
        DeviceState state = monitor.onReading(new Reading("d1", "t", 1e308, "u", 1L), Optional.empty(),
                Optional.empty(), 0).state();
        state = monitor.onReading(new Reading("d1", "t", -1e308, "u", 2L), Optional.of(state), Optional.empty(), 0)
                .state();

        SensorState sensor = state.sensors().get("t");
        assertThat(sensor.baseline().mean()).isEqualTo(1e308);
        assertThat(sensor.baseline().variance()).isZero();
        assertThat(sensor.baseline().count()).as("the overflowing reading is not learned").isEqualTo(1);
        assertThat(sensor.lastValue()).as("but it is the latest reading").isEqualTo(-1e308);
    }

    @Test
    void aReadingThatWouldOverflowAWindowIsLeftOutOfItWithItsFate() {
        StatsWindows windows = new StatsWindows(Duration.ofMinutes(1), Duration.ofSeconds(30));
        DeviceState empty = new DeviceState(true, 0, 0, null, null);
        StatsWindows.Counted first = windows.add(empty, new Reading("d1", "t", 1e308, "u", 1L), 1);
        StatsWindows.Counted second = windows.add(first.state(), new Reading("d1", "t", -1e308, "u", 2L), 2);

        assertThat(second.fate()).isEqualTo(StatsWindows.Fate.OVERFLOW);
        assertThat(second.state()).isEqualTo(first.state());
        assertThat(windows.close("d1", second.state(), windows.closesAt(0)).stats()).singleElement()
                .satisfies(stats -> {
                    assertThat(stats.count()).isEqualTo(1);
                    assertThat(stats.mean()).isEqualTo(1e308);
                    assertThat(stats.stddev()).isZero();
                });
    }
}
