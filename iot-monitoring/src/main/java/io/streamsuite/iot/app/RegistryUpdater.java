package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;

/**
 * Keeps the global device registry in step with {@code iot-devices}. An unreadable entry unregisters its device, as
 * a tombstone would ({@link TableUpdater}'s default).
 */
final class RegistryUpdater extends TableUpdater<Device> {

    RegistryUpdater(String storeName, TopicSpec<String, Device> source) {
        super(storeName, source);
    }
}
