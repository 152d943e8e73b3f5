package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.kstream.TaskCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Runs the monitor on each reading (one read and one write of the device's state, one registry lookup) and, on a
 * punctuation schedule, looks for devices that have gone silent.
 *
 * <p>On the wall clock, silence counts from the later of the device's last processed reading and this task's
 * start: after a restart or a rebalance every device first gets a full timeout to be heard from, instead of being
 * declared offline for the time the app itself was down.
 */
final class DeviceWatch implements Processor<String, Reading, String, IotAlert> {

    /** Kafka Streams metric {@code alerts-total} in group {@code stream-iot-metrics}, per alert type. */
    static final String METRIC_SCOPE = "iot";
    static final String ALERTS_OPERATION = "alerts";

    private final DeviceMonitor monitor;
    private final String stateStoreName;
    private final String registryStoreName;
    private final boolean wallClock;
    private final Duration checkInterval;

    private ProcessorContext<String, IotAlert> context;
    private KeyValueStore<String, DeviceState> states;
    private ReadOnlyKeyValueStore<String, Device> registry;
    private long startedAt;
    private TaskCounter alertsByType;

    DeviceWatch(DeviceMonitor monitor, String stateStoreName, String registryStoreName, boolean wallClock,
                Duration checkInterval) {
        this.monitor = monitor;
        this.stateStoreName = stateStoreName;
        this.registryStoreName = registryStoreName;
        this.wallClock = wallClock;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, IotAlert> context) {
        this.context = context;
        this.states = context.getStateStore(stateStoreName);
        this.registry = context.getStateStore(registryStoreName);
        this.startedAt = context.currentSystemTimeMs();
        this.alertsByType = new TaskCounter(context, METRIC_SCOPE, ALERTS_OPERATION, "alert-type", "Alerts raised, by type");
        context.schedule(checkInterval, wallClock ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME,
                this::findSilentDevices);
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading reading = record.value();
        String deviceId = reading.deviceId();
        DeviceMonitor.Outcome outcome = monitor.onReading(reading, Optional.ofNullable(states.get(deviceId)),
                Optional.ofNullable(registry.get(deviceId)), context.currentSystemTimeMs());
        states.put(deviceId, outcome.state());
        for (IotAlert alert : outcome.alerts()) {
            raise(new Record<>(deviceId, alert, record.timestamp()));
        }
    }

    private void raise(Record<String, IotAlert> alert) {
        alertsByType.increment(alert.value().type().name());
        context.forward(alert);
    }

    @Override
    public void close() {
        if (alertsByType != null) {
            alertsByType.close();
        }
    }

    private void findSilentDevices(long clockNow) {
        long now = context.currentSystemTimeMs();
        List<KeyValue<String, DeviceMonitor.Outcome>> wentSilent = new ArrayList<>();
        // collected first and written after: a store must not be written while it is iterated
        try (KeyValueIterator<String, DeviceState> devices = states.all()) {
            while (devices.hasNext()) {
                KeyValue<String, DeviceState> device = devices.next();
                DeviceState state = device.value;
                long silentSince = wallClock ? Math.max(state.lastSeenAt(), startedAt) : state.lastEventTime();
                monitor.onSilence(device.key, state, () -> Optional.ofNullable(registry.get(device.key)), clockNow,
                        silentSince, now).ifPresent(outcome -> wentSilent.add(KeyValue.pair(device.key, outcome)));
            }
        }
        for (KeyValue<String, DeviceMonitor.Outcome> silent : wentSilent) {
            states.put(silent.key, silent.value.state());
            for (IotAlert alert : silent.value.alerts()) {
                raise(new Record<>(silent.key, alert, clockNow));
            }
        }
    }
}
