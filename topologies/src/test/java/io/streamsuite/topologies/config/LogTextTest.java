package io.streamsuite.topologies.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Values quoted in messages stay one line of bounded length, and secrets stay out of them. */
class LogTextTest {

    @Test
    void escapesLineBreaksAndOtherControlCharacters() {
        assertThat(LogText.of("a\nb\r\tc\u0000d\u2028e")).isEqualTo("a\\nb\\r\\tc\\u0000d\\u2028e");
    }

    @Test
    void cutsLongValuesAndSaysHowLongTheyWere() {
        assertThat(LogText.of("x".repeat(10), 4)).isEqualTo("xxxx...(10 chars)");
        assertThat(LogText.of("x".repeat(4), 4)).isEqualTo("xxxx");
        assertThat(LogText.of(null)).isEqualTo("null");
    }

    @Test
    void aBadValueOfASecretKeyIsNeverShown() {
        Setting<Integer> secretNumber = Setting.integer("fraud.api.password", 1, 0, 10, "a test secret");
        assertThatThrownBy(() -> secretNumber.parse("hunter2"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Invalid value '[redacted]' for fraud.api.password: expected a whole number from 0 to 10");
    }

    @Test
    void aBadValueIsEscapedAndCut() {
        Setting<Duration> timeout = Setting.duration("shutdown.timeout", Duration.ofSeconds(1), "a duration");
        assertThatThrownBy(() -> timeout.parse("30\n12:00:00 ERROR forged line"))
                .hasMessageStartingWith("Invalid value '30\\n12:00:00 ERROR forged line' for shutdown.timeout: expected")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> timeout.parse("9".repeat(5_000)))
                .hasMessageStartingWith("Invalid value '" + "9".repeat(100) + "...(5000 chars)' for shutdown.timeout");
    }

    @Test
    void aPasswordInAUrlIsRedactedFromABadValue() {
        assertThat(InvalidConfigException.badValue("schema.registry.url", "ftp://app:s3cret@registry", "an http(s) URL"))
                .hasMessage("Invalid value 'ftp://[redacted]@registry' for schema.registry.url: expected an http(s) URL");
    }

    @Test
    void everyMessageIsOneLineOfBoundedLength() {
        assertThat(new InvalidConfigException("line\nnext" + "y".repeat(2_000)).getMessage())
                .doesNotContain("\n").startsWith("line\\nnext").endsWith("...(2009 chars)");
    }
}
