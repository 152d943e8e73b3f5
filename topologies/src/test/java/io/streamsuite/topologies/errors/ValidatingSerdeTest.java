package io.streamsuite.topologies.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.Order;
import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ValidatingSerdeTest {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    final ValidatingSerde<Order> serde = new ValidatingSerde<>(JsonSerde.of(Order.class), order -> {
        List<String> problems = new ArrayList<>();
        if (order.customer() == null) {
            problems.add("customer is missing");
        }
        if (order.amount() != null && order.amount() < 0) {
            problems.add("amount is negative");
        }
        return problems;
    }, "Order", new FutureEventTimeLimit(Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC)));

    Order read(String json) {
        return serde.deserializer().deserialize("orders", new RecordHeaders(), json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validRecordsPassUnchanged() {
        assertThat(read("{\"orderId\":\"o\",\"customer\":\"c\",\"amount\":1}")).isEqualTo(new Order("o", "c", 1.0, null));
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        assertThatThrownBy(() -> read("{\"orderId\":\"o\",\"amount\":-2}"))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("Invalid Order in topic orders: customer is missing; amount is negative");
    }

    @Test
    void aProblemQuotingTheRecordIsEscapedAndCut() {
        ValidatingSerde<Order> quoting = new ValidatingSerde<>(JsonSerde.of(Order.class),
                order -> List.of("customer '" + order.customer() + "' is unknown"), "Order",
                new FutureEventTimeLimit(Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC)));
        byte[] forged = "{\"orderId\":\"o\",\"customer\":\"c\\nERROR forged\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> quoting.deserializer().deserialize("orders", forged))
                .hasMessage("Invalid Order in topic orders: customer 'c\\nERROR forged' is unknown");
        byte[] huge = ("{\"orderId\":\"o\",\"customer\":\"" + "x".repeat(1_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> quoting.deserializer().deserialize("orders", huge))
                .hasMessage("Invalid Order in topic orders: customer '" + "x".repeat(ValidatingSerde.MAX_PROBLEM - 10)
                        + "...(1022 chars)");
    }

    @Test
    void eventsUpToTheLimitAheadOfTheClockPass() {
        long limit = NOW.plus(Duration.ofMinutes(1)).toEpochMilli();
        assertThat(read("{\"orderId\":\"o\",\"customer\":\"c\",\"timestamp\":" + limit + "}").timestamp()).isEqualTo(limit);
        assertThat(read("{\"orderId\":\"o\",\"customer\":\"c\",\"timestamp\":\"2020-01-01T00:00:00Z\"}")).isNotNull();
        assertThat(read("{\"orderId\":\"o\",\"customer\":\"c\"}").timestamp()).isNull();
    }

    @Test
    void anEventFurtherAheadIsInvalidForItsOwnReason() {
        assertThatThrownBy(() -> read("{\"orderId\":\"o\",\"customer\":\"c\",\"timestamp\":\"2026-11-21T12:01:00.001Z\"}"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterCounter.FUTURE))
                .hasMessage("Invalid Order in topic orders: timestamp 2026-11-21T12:01:00.001Z is PT1M0.001S ahead of this"
                        + " instance's clock (2026-11-21T12:00:00Z); at most PT1M is accepted (event.time.max-future)");
    }

    @Test
    void contractProblemsComeBeforeTheTimeLimit() {
        assertThatThrownBy(() -> read("{\"orderId\":\"o\",\"timestamp\":\"2031-01-01T00:00:00Z\"}"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterCounter.INVALID))
                .hasMessageEndingWith("customer is missing");
    }

    @Test
    void nullValueIsInvalidOnAStream() {
        assertThatThrownBy(() -> read(null)).isInstanceOf(InvalidRecordException.class).hasMessageEndingWith("value is null");
    }

    @Test
    void undecodableBytesKeepTheDecodersError() {
        assertThatThrownBy(() -> read("{"))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("Cannot decode Order from topic orders");
    }

    @Test
    void serializesThroughTheInnerSerde() {
        byte[] bytes = serde.serializer().serialize("orders", new Order("o", null, null, null));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o\"}");
    }
}
