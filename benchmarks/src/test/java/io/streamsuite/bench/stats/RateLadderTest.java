package io.streamsuite.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLadderTest {

    @Test
    void climbsWhileSustainedAndKeepsTheLastRateSustained() {
        RateLadder ladder = new RateLadder(1_000, 1.25, 10);

        assertThat(ladder.current()).isEqualTo(1_000);
        ladder.record(true);
        assertThat(ladder.current()).isEqualTo(1_250);
        ladder.record(true);
        assertThat(ladder.current()).isEqualTo(1_562.5);
        ladder.record(false);

        assertThat(ladder.done()).isTrue();
        assertThat(ladder.sustainable()).isEqualTo(1_250);
        assertThatThrownBy(() -> ladder.record(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingTheFirstStepSustainsNothing() {
        RateLadder ladder = new RateLadder(500, 2, 10);
        ladder.record(false);

        assertThat(ladder.done()).isTrue();
        assertThat(ladder.sustainable()).isZero();
    }

    @Test
    void stopsAtTheLastStepAllowedWithThatStepSustained() {
        RateLadder ladder = new RateLadder(100, 2, 2);
        ladder.record(true);
        ladder.record(true);

        assertThat(ladder.done()).isTrue();
        assertThat(ladder.sustainable()).isEqualTo(200);
    }
}
