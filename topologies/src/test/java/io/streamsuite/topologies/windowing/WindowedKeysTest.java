package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.SessionWindow;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.junit.jupiter.api.Test;

class WindowedKeysTest {

    private static final long START = 1_700_000_000_000L;
    private static final long END = 1_700_000_060_000L;

    private final Windowed<String> windowed = new Windowed<>("user-1", new TimeWindow(START, END));

    @Test
    void windowStartKeyIsTheStartInDecimalEpochMillis() {
        assertThat(WindowedKeys.windowStartKey(windowed)).isEqualTo("1700000000000");
    }

    @Test
    void windowStartKeyOfTheEpochIsZero() {
        assertThat(WindowedKeys.windowStartKey(new Windowed<>(42, new TimeWindow(0, 5)))).isEqualTo("0");
    }

    @Test
    void startAndEndAreTheWindowBounds() {
        assertThat(WindowedKeys.start(windowed)).isEqualTo(START);
        assertThat(WindowedKeys.end(windowed)).isEqualTo(END);
    }

    @Test
    void worksForSessionWindowsOfASingleRecord() {
        Windowed<String> session = new Windowed<>("user-2", new SessionWindow(START, START));

        assertThat(WindowedKeys.start(session)).isEqualTo(START);
        assertThat(WindowedKeys.end(session)).isEqualTo(START);
        assertThat(WindowedKeys.windowStartKey(session)).isEqualTo("1700000000000");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> WindowedKeys.windowStartKey(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("windowed");
    }
}
