package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void durationRejectsNegativeZeroAndBareNumbersNamingKeyValueAndFormat() {
        Setting<Duration> window = Setting.duration("app.window", Duration.ofMinutes(1), "doc");
        assertThat(window.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> window.parse("-5s"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value '-5s' for app.window: expected a positive duration, " + Durations.FORMAT);
        assertThatThrownBy(() -> window.parse("0s")).hasMessageContaining("app.window");
        assertThatThrownBy(() -> window.parse("60")).hasMessageContaining("'60'");
    }

    @Test
    void graceMayBeZero() {
        Setting<Duration> grace = Setting.nonNegativeDuration("app.grace", Duration.ZERO, "doc");
        assertThat(grace.parse("0s")).isZero();
        assertThatThrownBy(() -> grace.parse("-PT1S")).hasMessageContaining("expected a duration >= 0");
    }

    @Test
    void integerEnforcesRange() {
        Setting<Integer> count = Setting.integer("app.count", 5, 1, 100, "doc");
        assertThat(count.parse("7")).isEqualTo(7);
        assertThatThrownBy(() -> count.parse("0"))
                .hasMessage("Invalid value '0' for app.count: expected a whole number from 1 to 100");
        assertThatThrownBy(() -> count.parse("five")).hasMessageContaining("'five'");
        assertThat(Setting.integer("k", 1, 0, Integer.MAX_VALUE, "d").allowed()).isEqualTo("a whole number >= 0");
    }

    @Test
    void decimalRejectsNonFinite() {
        Setting<Double> z = Setting.decimal("app.z", 4.0, 0, 100, "doc");
        assertThat(z.parse("2.5")).isEqualTo(2.5);
        assertThatThrownBy(() -> z.parse("NaN")).hasMessageContaining("app.z");
        assertThatThrownBy(() -> z.parse("Infinity")).hasMessageContaining("app.z");
        assertThatThrownBy(() -> z.parse("101")).hasMessageContaining("from 0.0 to 100.0");
    }

    @Test
    void boolAcceptsOnlyTrueOrFalse() {
        Setting<Boolean> flag = Setting.bool("app.flag", false, "doc");
        assertThat(flag.parse("TRUE")).isTrue();
        assertThat(flag.parse("false")).isFalse();
        assertThatThrownBy(() -> flag.parse("yes")).hasMessage("Invalid value 'yes' for app.flag: expected true or false");
    }

    @Test
    void oneOfListsTheChoices() {
        Setting<String> mode = Setting.oneOf("app.mode", "a", "doc", "wall-clock", "stream-time");
        assertThat(mode.parse("stream-time")).isEqualTo("stream-time");
        assertThatThrownBy(() -> mode.parse("Stream-Time"))
                .hasMessage("Invalid value 'Stream-Time' for app.mode: expected one of wall-clock, stream-time");
    }

    @Test
    void sizeAndStringAndList() {
        assertThat(Setting.size("app.mem", 1L, "doc").parse("1MB")).isEqualTo(1 << 20);
        assertThatThrownBy(() -> Setting.size("app.mem", 1L, "doc").parse("0")).hasMessageContaining("app.mem");
        assertThatThrownBy(() -> Setting.string("app.s", "x", "doc").parse("  ")).hasMessageContaining("non-empty");
        Setting<List<String>> list = Setting.list("app.l", List.of(), "doc");
        assertThat(list.parse("a, b,c")).containsExactly("a", "b", "c");
        assertThat(list.parse("")).isEmpty();
        assertThatThrownBy(() -> list.parse("a,,b")).hasMessageContaining("comma-separated");
    }

    @Test
    void requiredWhenNoDefault() {
        assertThat(Setting.string("k", null, "d").required()).isTrue();
        assertThat(Setting.string("k", null, "d").defaultText()).isEqualTo("(required)");
        assertThat(Setting.duration("k", Duration.ofSeconds(30), "d").defaultText()).isEqualTo("PT30S");
    }

    @Test
    void anOptionalSettingIsEmptyByDefaultAndWhenSetEmpty() {
        Setting<java.util.Optional<Integer>> port = Setting.optional(Setting.integer("app.port", null, 1, 65_535, "doc"));
        assertThat(port.defaultValue()).isEmpty();
        assertThat(port.defaultText()).isEmpty();
        assertThat(port.parse("")).isEmpty();
        assertThat(port.parse(" 8080 ")).contains(8080);
        assertThatThrownBy(() -> port.parse("0"))
                .hasMessage("Invalid value '0' for app.port: expected a whole number from 1 to 65535, or empty");
    }
}
