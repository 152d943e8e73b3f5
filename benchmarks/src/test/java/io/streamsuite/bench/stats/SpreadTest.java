package io.streamsuite.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void anOddNumberOfRepeatsHasTheMiddleOneAsMedian() {
        Spread spread = Spread.of(List.of(120.0, 100.0, 90.0));

        assertThat(spread).isEqualTo(new Spread(100.0, 90.0, 120.0, 3));
        assertThat(spread.relativeSpread()).isEqualTo(0.3);
    }

    @Test
    void anEvenNumberOfRepeatsHasTheMeanOfTheMiddleTwo() {
        Spread spread = Spread.of(List.of(10.0, 40.0, 20.0, 30.0));

        assertThat(spread).isEqualTo(new Spread(25.0, 10.0, 40.0, 4));
        assertThat(spread.relativeSpread()).isEqualTo(1.2);
    }

    @Test
    void oneRepeatHasNoSpreadAndNoneIsRefused() {
        assertThat(Spread.of(List.of(7.0))).isEqualTo(new Spread(7.0, 7.0, 7.0, 1));
        assertThat(Spread.of(List.of(7.0)).relativeSpread()).isZero();
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
