package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeviceJsonTest {

    private static final Device EXPECTED = new Device("dev-1", "hall-A",
            Map.of("temperature", new Device.Range(null, 40.0), "humidity", new Device.Range(10.0, 90.5)));

    private final JsonSerde<Device> serde = JsonSerde.of(Device.class);

    private Device read(String json) {
        return serde.deserializer().deserialize("iot-devices", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thresholdsAsAnObject() {
        assertThat(read("{\"deviceId\":\"dev-1\",\"location\":\"hall-A\",\"thresholds\":"
                + "{\"temperature\":{\"max\":40},\"humidity\":{\"min\":10,\"max\":90.5}}}")).isEqualTo(EXPECTED);
    }

    /** How Debezium captures a jsonb column: its JSON text in a string. */
    @Test
    void thresholdsAsAStringHoldingTheObject() {
        assertThat(read("{\"deviceId\":\"dev-1\",\"location\":\"hall-A\",\"thresholds\":"
                + "\"{\\\"humidity\\\": {\\\"max\\\": 90.5, \\\"min\\\": 10}, \\\"temperature\\\": {\\\"max\\\": 40}}\"}"))
                .isEqualTo(EXPECTED);
    }

    @Test
    void missingOrNullThresholdsAreNone() {
        assertThat(read("{\"deviceId\":\"dev-2\"}").thresholds()).isEmpty();
        assertThat(read("{\"deviceId\":\"dev-2\",\"thresholds\":null}").thresholds()).isEmpty();
    }

    @Test
    void aStringThatHoldsNoThresholdsIsUnreadable() {
        assertThatThrownBy(() -> read("{\"deviceId\":\"dev-3\",\"thresholds\":\"max 40\"}"))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read("{\"deviceId\":\"dev-3\",\"thresholds\":\"[1, 2]\"}"))
                .isInstanceOf(SerializationException.class);
    }
}
