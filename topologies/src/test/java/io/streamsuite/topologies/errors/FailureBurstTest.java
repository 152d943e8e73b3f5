package io.streamsuite.topologies.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureBurstTest {

    @Test
    void aShareAboveTheMaximumOfTheLastWindowOffsetsIsABurst() {
        FailureBurst burst = new FailureBurst(10, 0.2);
        assertThat(burst.failed("t", 0, 100)).isZero();
        assertThat(burst.failed("t", 0, 105)).isZero();
        assertThat(burst.failed("t", 0, 109)).as("3 of offsets 100..109").isEqualTo(3);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        FailureBurst burst = new FailureBurst(10, 0.2);
        burst.failed("t", 0, 100);
        burst.failed("t", 0, 105);
        assertThat(burst.failed("t", 0, 110)).as("offset 100 is 10 back: 105 and 110 remain").isZero();
    }

    @Test
    void theSameRecordFailingInTwoProcessorsCountsOnce() {
        FailureBurst burst = new FailureBurst(10, 0.1);
        assertThat(burst.failed("t", 0, 7)).isZero();
        assertThat(burst.failed("t", 0, 7)).isZero();
    }

    @Test
    void partitionsAreCountedApart() {
        FailureBurst burst = new FailureBurst(10, 0.1);
        assertThat(burst.failed("t", 0, 1)).isZero();
        assertThat(burst.failed("t", 1, 1)).isZero();
        assertThat(burst.failed("u", 0, 2)).isZero();
        assertThat(burst.failed("t", 0, 2)).isEqualTo(2);
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new FailureBurst(10, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureBurst(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
