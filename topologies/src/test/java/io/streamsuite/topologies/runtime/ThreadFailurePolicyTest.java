package io.streamsuite.topologies.runtime;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {

    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };

    @Test
    void transientErrorsGetANewThreadUntilTheyKeepComing() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(2, Duration.ofMinutes(10), clock);
        StreamsException wrapped = new StreamsException(new TimeoutException("broker slow"));
        assertThat(policy.decide(wrapped)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(wrapped)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(wrapped)).isEqualTo(SHUTDOWN_CLIENT);
        now = now.plus(Duration.ofMinutes(11));
        assertThat(policy.decide(wrapped)).as("old replacements age out").isEqualTo(REPLACE_THREAD);
    }

    @Test
    void theBrokersOwnFailureGetsANewThreadToo() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(1, Duration.ofMinutes(10), Clock.systemUTC());
        StreamsException brokerFailed = new StreamsException(new UnknownServerException(
                "The server experienced an unexpected error when processing the request."));
        assertThat(policy.decide(brokerFailed)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.decide(brokerFailed)).as("within the same budget as other transient errors").isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void anythingElseShutsTheClientDown() {
        ThreadFailurePolicy policy = new ThreadFailurePolicy(5, Duration.ofMinutes(10), clock);
        assertThat(policy.decide(new StreamsException(new IllegalStateException("bug")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.decide(new NullPointerException())).isEqualTo(SHUTDOWN_CLIENT);
    }
}
