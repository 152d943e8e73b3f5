package io.streamsuite.topologies.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.Order;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** JSON input is bounded by what it may make the parser do, and its bytes never reach a message or a stack trace. */
class JsonLimitsTest {

    private final JsonSerde<Order> serde = JsonSerde.of(Order.class);

    private Throwable decode(String json) {
        return org.assertj.core.api.Assertions.catchThrowable(
                () -> serde.deserializer().deserialize("orders", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deepNestingIsUndecodable() {
        // in a field the app does not know, which Jackson skips: the skipping is bounded too
        String deep = "{\"orderId\":\"o\",\"extra\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(decode(deep)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Document nesting depth (65) exceeds the maximum allowed (64");
    }

    @Test
    void aHugeStringIsUndecodable() {
        String huge = "{\"orderId\":\"" + "x".repeat(2_000_000) + "\"}";
        assertThat(decode(huge)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("String value length")
                .hasMessageContaining("exceeds the maximum allowed (1048576");
    }

    @Test
    void aHugeNumberIsUndecodable() {
        String huge = "{\"orderId\":\"o\",\"amount\":" + "9".repeat(5_000) + "}";
        assertThat(decode(huge)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Number value length")
                .hasMessageContaining("exceeds the maximum allowed (100");
    }

    @Test
    void noPartOfThePayloadIsInTheMessageOrTheStackTrace() {
        Throwable error = decode("{\"orderId\":\"card-4111111111111111\",\"customer\":\"alice\",\"amount\":\"ten\"}");
        Throwable truncated = decode("{\"orderId\":\"card-4111111111111111\",\"customer\":\"alice\"");
        Throwable unquoted = decode("{\"orderId\":card-4111111111111111}");
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        assertThat(error).isInstanceOf(SerializationException.class);
        truncated.printStackTrace(new PrintWriter(trace));
        unquoted.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("4111111111111111").doesNotContain("alice").doesNotContain("(\"ten\")")
                .contains("REDACTED");
    }

    @Test
    void ordinaryInputStillReads() {
        Order order = serde.deserializer().deserialize("orders",
                "{\"orderId\":\"o1\",\"customer\":\"alice\",\"amount\":1e308}".getBytes(StandardCharsets.UTF_8));
        assertThat(order.amount()).isEqualTo(1e308);
    }
}
