package io.streamsuite.topologies.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.sample.Order;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSerdeTest {

    final JsonSerde<Order> serde = JsonSerde.of(Order.class);

    Order decode(String json) {
        return serde.deserializer().deserialize("orders", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsARecord() {
        Order order = new Order("o-1", "alice", 12.5, 1_700_000_000_000L);
        byte[] bytes = serde.serializer().serialize("orders", order);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-1\",\"customer\":\"alice\",\"amount\":12.5,\"timestamp\":1700000000000}");
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(order);
    }

    @Test
    void nullInNullOut() {
        assertThat(serde.serializer().serialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", null)).isNull();
    }

    @Test
    void omitsNullFieldsAndIgnoresUnknownOnes() {
        assertThat(new String(serde.serializer().serialize("t", new Order("o", null, 1.0, null)), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o\",\"amount\":1.0}");
        assertThat(decode("{\"orderId\":\"o\",\"amount\":1,\"addedLater\":{\"x\":[1,2]}}"))
                .isEqualTo(new Order("o", null, 1.0, null));
    }

    @Test
    void acceptsIsoTimestampsOnInput() {
        assertThat(decode("{\"orderId\":\"o\",\"timestamp\":\"2023-11-14T22:13:20Z\"}").timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(decode("{\"orderId\":\"o\",\"timestamp\":\"2023-11-14T23:13:20.250+01:00\"}").timestamp()).isEqualTo(1_700_000_000_250L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"orderId\":\"o\",",                         // truncated
            "not json",                                    // not JSON at all
            "{\"orderId\":\"o\"} trailing",                // garbage after the object
            "{\"orderId\":\"o\",\"amount\":\"12.5\"}",     // a number as a string
            "{\"orderId\":\"o\",\"amount\":NaN}",          // not a JSON number
            "{\"orderId\":\"o\",\"timestamp\":\"yesterday\"}",
            "{\"orderId\":\"o\",\"timestamp\":12.5}",
            "[1,2,3]",
            ""})
    void badInputFailsWithTheTypeAndTopicNamed(String json) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot decode Order from topic orders: ")
                .satisfies(e -> assertThat(e.getMessage().lines().count()).as("one line").isEqualTo(1));
    }

    @Test
    void genericTypes() {
        JsonSerde<List<String>> list = JsonSerde.of(JsonMappers.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        byte[] bytes = list.serializer().serialize("t", List.of("a", "b"));
        assertThat(list.deserializer().deserialize("t", bytes)).containsExactly("a", "b");
    }
}
