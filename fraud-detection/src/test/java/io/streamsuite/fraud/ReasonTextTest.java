package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReasonTextTest {

    @Test
    void windowsReadAsPeopleWriteThem() {
        assertThat(ReasonText.window(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(ReasonText.window(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ReasonText.window(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(ReasonText.window(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(ReasonText.window(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(ReasonText.window(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(ReasonText.window(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    @Test
    void elapsedTimeReadsAsPeopleSayIt() {
        assertThat(ReasonText.elapsed(800)).isEqualTo("800 ms");
        assertThat(ReasonText.elapsed(45_000)).isEqualTo("45 s");
        assertThat(ReasonText.elapsed(40 * 60_000)).isEqualTo("40 min");
        assertThat(ReasonText.elapsed(185 * 60_000)).isEqualTo("3 h 5 min");
        assertThat(ReasonText.elapsed(3 * 3_600_000)).isEqualTo("3 h");
        assertThat(ReasonText.elapsed(50 * 3_600_000L)).isEqualTo("2 d 2 h");
    }

    @Test
    void numbersUseAPointWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(ReasonText.amount(1200)).isEqualTo("1200.00");
            assertThat(ReasonText.ratio(8)).isEqualTo("8.0");
            assertThat(ReasonText.limit(900.0)).isEqualTo("900");
            assertThat(ReasonText.limit(2.5)).isEqualTo("2.5");
        } finally {
            Locale.setDefault(before);
        }
    }
}
