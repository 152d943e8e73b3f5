package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device registry of one instance, decoded and in memory: the stream threads look a device up here at every
 * reading instead of through the global store's RocksDB and serde. The global thread keeps it in step with the
 * global store ({@link RegistryUpdater}), which remains the durable copy a restart starts from.
 */
final class DeviceRegistry {

    private final Map<String, Device> devices = new ConcurrentHashMap<>();

    Optional<Device> get(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    boolean contains(String deviceId) {
        return devices.containsKey(deviceId);
    }

    void put(String deviceId, Device device) {
        devices.put(deviceId, device);
    }

    void remove(String deviceId) {
        devices.remove(deviceId);
    }

    int size() {
        return devices.size();
    }
}
