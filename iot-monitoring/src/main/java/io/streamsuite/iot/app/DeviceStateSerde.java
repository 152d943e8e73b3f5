package io.streamsuite.iot.app;

import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStateCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link DeviceStateCodec}'s binary layout as the serde of the store {@code iot-device-state} and its changelog. */
final class DeviceStateSerde implements Serde<DeviceState> {

    @Override
    public Serializer<DeviceState> serializer() {
        return (topic, state) -> state == null ? null : DeviceStateCodec.encode(state);
    }

    @Override
    public Deserializer<DeviceState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return DeviceStateCodec.decode(bytes);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("Cannot read a device state of " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
