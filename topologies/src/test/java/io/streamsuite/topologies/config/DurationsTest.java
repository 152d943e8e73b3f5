package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"PT30S,30000", "pt1m,60000", "250ms,250", "30s,30000", "5m,300000", "2h,7200000", "1d,86400000",
            "' 10 s ',10000", "0s,0", "10S,10000"})
    void parsesIsoAndUnitForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "", "abc", "5 minutes", "1.5s", "-5s", "PTX", "5w"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
