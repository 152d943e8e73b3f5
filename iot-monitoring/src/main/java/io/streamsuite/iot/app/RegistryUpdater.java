package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.topologies.serde.TopicSpec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global device registry in step with {@code iot-devices}, live and when it is rebuilt at start.
 *
 * <p>Values are decoded here rather than by the source's deserializer, because a record that fails there stops the
 * whole app (Kafka Streams has no dead-letter path in its global thread). An unreadable entry is logged and
 * removes the device from the registry, as a tombstone would: the same on every replay of the compacted topic.
 */
final class RegistryUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<Device> decoder;
    private KeyValueStore<String, Device> store;

    RegistryUpdater(String storeName, TopicSpec<String, Device> source) {
        this.storeName = storeName;
        this.topic = source.name();
        this.decoder = source.valueSerde().deserializer();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String deviceId = record.key();
        if (deviceId == null || deviceId.isBlank()) {
            LOG.warn("Skipping an iot-devices record without a device id key");
            return;
        }
        if (record.value() == null) {
            store.delete(deviceId);
            return;
        }
        try {
            store.put(deviceId, decoder.deserialize(topic, record.value()));
        } catch (SerializationException e) {
            store.delete(deviceId);
            LOG.warn("Device {} has no registry entry now: its iot-devices value is unreadable ({})", deviceId,
                    e.getMessage());
        }
    }
}
