package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Keeps the global device registry in step with {@code iot-devices}: the global store, and its decoded copy in
 * memory that the stream threads read. An unreadable entry unregisters its device, as a tombstone would
 * ({@link TableUpdater}'s default).
 */
final class RegistryUpdater extends TableUpdater<Device> {

    private final DeviceRegistry registry;

    RegistryUpdater(String storeName, TopicSpec<String, Device> source, DeviceRegistry registry) {
        super(storeName, source);
        this.registry = registry;
    }

    /** Fills the memory copy from the store: a restart reads only what is new in the topic, the rest is stored. */
    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        try (KeyValueIterator<String, Device> all = store().all()) {
            while (all.hasNext()) {
                KeyValue<String, Device> device = all.next();
                registry.put(device.key, device.value);
            }
        }
    }

    @Override
    protected void onValue(String key, Device value) {
        super.onValue(key, value);
        registry.put(key, value);
    }

    @Override
    protected void onTombstone(String key) {
        super.onTombstone(key);
        registry.remove(key);
    }

    @Override
    protected void onUnreadable(String key, String problem) {
        super.onUnreadable(key, problem);
        registry.remove(key);
    }
}
