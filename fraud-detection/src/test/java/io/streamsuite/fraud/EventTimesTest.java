package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void durationsTooLongForMillisecondsSaturate() {
        assertThat(EventTimes.millis(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(EventTimes.millis(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThat(EventTimes.millis(Duration.ofSeconds(90))).isEqualTo(90_000);
    }

    @Test
    void subtractionSaturatesInsteadOfWrapping() {
        assertThat(EventTimes.minus(Long.MIN_VALUE + 5, 10)).isEqualTo(Long.MIN_VALUE);
        assertThat(EventTimes.minus(0, Long.MAX_VALUE)).isEqualTo(-Long.MAX_VALUE);
        assertThat(EventTimes.minus(T0, 1_000)).isEqualTo(T0 - 1_000);
    }

    @Test
    void anAbsurdlyLongWindowCountsEverythingInsteadOfFailing() {
        FraudRules rules = FraudRules.defaults().withOverride(RuleName.VELOCITY, true,
                Map.of("window", "999999999999d", "max-count", "1"));
        CardHistory history = Histories.of(rules, aTransaction().at(0L).build());

        assertThat(new VelocityRule().evaluate(aTransaction().at(T0).build(), history, rules.velocity(),
                BlocklistView.EMPTY)).isPresent();
    }
}
