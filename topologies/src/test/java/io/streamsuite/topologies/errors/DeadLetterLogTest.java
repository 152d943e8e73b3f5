package io.streamsuite.topologies.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeadLetterLogTest {

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger("dead-letter-log-test");
    Instant now = Instant.parse("2026-12-08T01:00:00Z");
    final DeadLetterLog deadLetters = new DeadLetterLog(logger, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @Test
    void theFirstDeadLetterOfATopicIsLoggedWithItsReasonAndTheRestAreSummedUpEveryTenSeconds() {
        deadLetters.deadLettered("orders", "orders-0@7", "Cannot decode Order");
        for (int i = 0; i < 1000; i++) {
            deadLetters.deadLettered("orders", "orders-0@" + (8 + i), i % 4 == 0 ? "amount is negative" : "Cannot decode Order");
        }
        now = now.plus(Duration.ofSeconds(10));
        deadLetters.deadLettered("orders", "orders-1@3", "Cannot decode Order");
        deadLetters.deadLettered("orders", "orders-1@4", "Cannot decode Order");

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Dead-lettered orders-0@7: Cannot decode Order (further dead letters of orders are summed up every 10 s)",
                "Dead-lettered 1001 more records of orders in the last 10 s: {Cannot decode Order=751, amount is negative=250}");
    }

    @Test
    void eachTopicHasItsOwnFirstLine() {
        deadLetters.deadLettered("orders", "orders-0@7", "Cannot decode Order");
        deadLetters.deadLettered("payments", "payments-2@1", "Cannot decode Payment");

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Dead-lettered orders-0@7: Cannot decode Order (further dead letters of orders are summed up every 10 s)",
                "Dead-lettered payments-2@1: Cannot decode Payment (further dead letters of payments are summed up every 10 s)");
    }
}
