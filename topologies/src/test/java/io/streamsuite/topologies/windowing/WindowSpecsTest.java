package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowSpecsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void tumblingHasSizeAsAdvanceAndTheGivenGrace() {
        TimeWindows windows = WindowSpecs.tumbling(Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(windows.size()).isEqualTo(300_000L);
        assertThat(windows.advanceMs).isEqualTo(300_000L);
        assertThat(windows.gracePeriodMs()).isEqualTo(30_000L);
    }

    @Test
    void hoppingKeepsGraceAfterSettingTheAdvance() {
        TimeWindows windows = WindowSpecs.hopping(Duration.ofMinutes(5), MINUTE, Duration.ofSeconds(30));

        assertThat(windows.size()).isEqualTo(300_000L);
        assertThat(windows.advanceMs).isEqualTo(60_000L);
        assertThat(windows.gracePeriodMs()).isEqualTo(30_000L);
    }

    @Test
    void hoppingAcceptsAnAdvanceEqualToTheSize() {
        TimeWindows windows = WindowSpecs.hopping(MINUTE, MINUTE, TEN_SECONDS);

        assertThat(windows.advanceMs).isEqualTo(windows.size()).isEqualTo(60_000L);
    }

    @Test
    void slidingHasTheGivenTimeDifferenceAndGrace() {
        SlidingWindows windows = WindowSpecs.sliding(TEN_SECONDS, Duration.ofSeconds(2));

        assertThat(windows.timeDifferenceMs()).isEqualTo(10_000L);
        assertThat(windows.gracePeriodMs()).isEqualTo(2_000L);
    }

    @Test
    void sessionHasTheGivenGapAndGrace() {
        SessionWindows windows = WindowSpecs.session(Duration.ofMinutes(15), MINUTE);

        assertThat(windows.inactivityGap()).isEqualTo(900_000L);
        assertThat(windows.gracePeriodMs()).isEqualTo(60_000L);
    }

    @Test
    void zeroGraceIsAllowedForEveryKind() {
        assertThat(WindowSpecs.tumbling(MINUTE, Duration.ZERO).gracePeriodMs()).isZero();
        assertThat(WindowSpecs.hopping(MINUTE, TEN_SECONDS, Duration.ZERO).gracePeriodMs()).isZero();
        assertThat(WindowSpecs.sliding(MINUTE, Duration.ZERO).gracePeriodMs()).isZero();
        assertThat(WindowSpecs.session(MINUTE, Duration.ZERO).gracePeriodMs()).isZero();
    }

    @Test
    void oneMillisecondIsTheSmallestLength() {
        assertThat(WindowSpecs.tumbling(Duration.ofMillis(1), Duration.ZERO).size()).isEqualTo(1L);
    }

    static Stream<Arguments> invalidArguments() {
        Duration negativeSecond = Duration.ofSeconds(-1);
        Duration negativeMilli = Duration.ofMillis(-1);
        Duration halfMilli = Duration.ofNanos(500_000);
        return Stream.of(
                invalid("tumbling null size", () -> WindowSpecs.tumbling(null, TEN_SECONDS),
                        "size must not be null but was null"),
                invalid("tumbling zero size", () -> WindowSpecs.tumbling(Duration.ZERO, TEN_SECONDS),
                        "size must be at least 1 ms but was PT0S"),
                invalid("tumbling negative size", () -> WindowSpecs.tumbling(negativeSecond, TEN_SECONDS),
                        "size must be at least 1 ms but was PT-1S"),
                invalid("tumbling sub-millisecond size", () -> WindowSpecs.tumbling(halfMilli, TEN_SECONDS),
                        "size must be at least 1 ms but was PT0.0005S"),
                invalid("tumbling null grace", () -> WindowSpecs.tumbling(MINUTE, null),
                        "grace must not be null but was null"),
                invalid("tumbling negative grace", () -> WindowSpecs.tumbling(MINUTE, negativeMilli),
                        "grace must not be negative but was PT-0.001S"),

                invalid("hopping null size", () -> WindowSpecs.hopping(null, TEN_SECONDS, TEN_SECONDS),
                        "size must not be null but was null"),
                invalid("hopping zero size", () -> WindowSpecs.hopping(Duration.ZERO, TEN_SECONDS, TEN_SECONDS),
                        "size must be at least 1 ms but was PT0S"),
                invalid("hopping null advance", () -> WindowSpecs.hopping(MINUTE, null, TEN_SECONDS),
                        "advance must not be null but was null"),
                invalid("hopping zero advance", () -> WindowSpecs.hopping(MINUTE, Duration.ZERO, TEN_SECONDS),
                        "advance must be at least 1 ms but was PT0S"),
                invalid("hopping negative advance", () -> WindowSpecs.hopping(MINUTE, negativeSecond, TEN_SECONDS),
                        "advance must be at least 1 ms but was PT-1S"),
                invalid("hopping advance above size",
                        () -> WindowSpecs.hopping(MINUTE, Duration.ofSeconds(61), TEN_SECONDS),
                        "advance must not exceed size (PT1M) but was PT1M1S"),
                invalid("hopping null grace", () -> WindowSpecs.hopping(MINUTE, TEN_SECONDS, null),
                        "grace must not be null but was null"),
                invalid("hopping negative grace", () -> WindowSpecs.hopping(MINUTE, TEN_SECONDS, negativeSecond),
                        "grace must not be negative but was PT-1S"),

                invalid("sliding null difference", () -> WindowSpecs.sliding(null, TEN_SECONDS),
                        "maxTimeDifference must not be null but was null"),
                invalid("sliding zero difference", () -> WindowSpecs.sliding(Duration.ZERO, TEN_SECONDS),
                        "maxTimeDifference must be at least 1 ms but was PT0S"),
                invalid("sliding negative difference", () -> WindowSpecs.sliding(negativeSecond, TEN_SECONDS),
                        "maxTimeDifference must be at least 1 ms but was PT-1S"),
                invalid("sliding null grace", () -> WindowSpecs.sliding(MINUTE, null),
                        "grace must not be null but was null"),
                invalid("sliding negative grace", () -> WindowSpecs.sliding(MINUTE, negativeSecond),
                        "grace must not be negative but was PT-1S"),

                invalid("session null gap", () -> WindowSpecs.session(null, TEN_SECONDS),
                        "inactivityGap must not be null but was null"),
                invalid("session zero gap", () -> WindowSpecs.session(Duration.ZERO, TEN_SECONDS),
                        "inactivityGap must be at least 1 ms but was PT0S"),
                invalid("session negative gap", () -> WindowSpecs.session(negativeSecond, TEN_SECONDS),
                        "inactivityGap must be at least 1 ms but was PT-1S"),
                invalid("session null grace", () -> WindowSpecs.session(MINUTE, null),
                        "grace must not be null but was null"),
                invalid("session negative grace", () -> WindowSpecs.session(MINUTE, negativeSecond),
                        "grace must not be negative but was PT-1S"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArguments")
    void rejectsInvalidArgumentsNamingArgumentAndValue(String description, ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static Arguments invalid(String description, ThrowingCallable call, String message) {
        return Arguments.of(description, call, message);
    }
}
