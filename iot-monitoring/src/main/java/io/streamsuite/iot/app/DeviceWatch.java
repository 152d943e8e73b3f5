package io.streamsuite.iot.app;

import io.streamsuite.iot.DeadlineIndex;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.DeviceWindow;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.StatsWindows;
import io.streamsuite.iot.UnknownDevices;
import io.streamsuite.topologies.kstream.TaskCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one stateful step of a reading: one read and one write of the device's state, which holds its alerting state
 * and its open 1-minute statistics windows. Alerts go to {@code iot-alerts}; a window that the stream time has
 * closed goes to {@code iot-device-stats}; a reading of a sensor type beyond the device's cap to the dead-letter
 * topic.
 *
 * <p>Two in-memory indexes, rebuilt from the store when the task starts, keep the periodic work proportional to
 * what is due rather than to the fleet: the open windows by the stream time they close at, and the online devices by
 * the heartbeat time they go silent at. Each is kept in step with every state written.
 *
 * <p>On the wall clock, silence counts from the later of the device's last processed reading and this task's
 * start: after a restart or a rebalance every device first gets a full timeout to be heard from, instead of being
 * declared offline for the time the app itself was down.
 */
final class DeviceWatch implements Processor<String, Reading, String, Object> {

    /** Kafka Streams metrics in group {@code stream-iot-metrics}. */
    static final String METRIC_SCOPE = "iot";
    static final String ALERTS_OPERATION = "alerts";

    /** Everything the processor is configured with. */
    record Config(DeviceMonitor monitor, StatsWindows windows, String stateStore, DeviceRegistry registry,
                  UnknownDevices unknownDevices, int maxSensorTypes, boolean wallClock, Duration heartbeatTimeout,
                  Duration checkInterval, String statsSink, String alertsSink, String deadLetterSink) {
    }

    private final Config config;
    private final long timeoutMillis;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, DeviceState> states;
    private long startedAt;
    private TaskCounter alertsByType;
    private TaskCounter ignoredInStats;
    private DeadLetters deadLetters;
    private final DeadlineIndex closingWindows = new DeadlineIndex();
    private final DeadlineIndex heartbeats = new DeadlineIndex();

    DeviceWatch(Config config) {
        this.config = config;
        this.timeoutMillis = config.heartbeatTimeout().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(config.stateStore());
        this.startedAt = context.currentSystemTimeMs();
        this.alertsByType = new TaskCounter(context, METRIC_SCOPE, ALERTS_OPERATION, "alert-type", "Alerts raised, by type");
        this.ignoredInStats = new TaskCounter(context, METRIC_SCOPE, "readings-not-in-stats", "reason",
                "Readings judged but left out of the 1-minute statistics: late (their window had closed) or overflow");
        this.deadLetters = new DeadLetters(context, config.deadLetterSink(), METRIC_SCOPE);
        indexStore();
        context.schedule(config.checkInterval(),
                config.wallClock() ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME,
                this::findSilentDevices);
    }

    /** One pass over the task's devices when it starts, so that later checks need none. */
    private void indexStore() {
        closingWindows.clear();
        heartbeats.clear();
        try (KeyValueIterator<String, DeviceState> devices = states.all()) {
            while (devices.hasNext()) {
                KeyValue<String, DeviceState> device = devices.next();
                for (DeviceWindow window : device.value.windows()) {
                    closingWindows.add(config.windows().closesAt(window.start()), device.key);
                }
                if (watchesHeartbeat(device.key, device.value)) {
                    heartbeats.add(silentAt(device.value), device.key);
                }
            }
        }
    }

    @Override
    public void process(Record<String, Reading> record) {
        Reading reading = record.value();
        String deviceId = reading.deviceId();
        long streamTime = Math.max(context.currentStreamTimeMs(), record.timestamp());
        DeviceState before = states.get(deviceId);
        if (before != null && !before.hasRoomFor(reading.sensorType(), config.maxSensorTypes())) {
            deadLetters.send(record, "sensor-types", "device " + deviceId + " already has "
                    + config.maxSensorTypes() + " sensor types (iot.device.max-sensor-types); a new type is refused");
            closeWindows(streamTime, null, null);
            return;
        }
        Optional<Device> device = config.registry().get(deviceId);
        DeviceMonitor.Outcome outcome = config.monitor().onReading(reading, Optional.ofNullable(before), device,
                context.currentSystemTimeMs());
        StatsWindows.Counted counted = config.windows().add(outcome.state(), reading, streamTime);
        if (counted.fate() != StatsWindows.Fate.COUNTED) {
            ignoredInStats.increment(counted.fate().name().toLowerCase(Locale.ROOT));
        }
        counted.opened().ifPresent(start -> closingWindows.add(config.windows().closesAt(start), deviceId));
        if (before != null && before.online()) {
            heartbeats.remove(silentAt(before), deviceId);
        }
        DeviceState after = closeWindows(streamTime, deviceId, counted.state());
        if (watchesHeartbeat(deviceId, after)) {
            heartbeats.add(silentAt(after), deviceId);
        }
        states.put(deviceId, after);
        for (IotAlert alert : outcome.alerts()) {
            raise(new Record<>(deviceId, alert, record.timestamp()));
        }
    }

    /**
     * Emits every window the stream time has closed, earliest first and by device id within a minute, as a scan of
     * a window store would. The current device's state is in hand and returned rather than written here.
     */
    private DeviceState closeWindows(long streamTime, String currentId, DeviceState current) {
        if (!closingWindows.hasDue(streamTime)) {
            return current;
        }
        DeviceState currentState = current;
        for (DeadlineIndex.Due due : closingWindows.pollDue(streamTime)) {
            boolean isCurrent = due.deviceId().equals(currentId);
            DeviceState state = isCurrent ? currentState : states.get(due.deviceId());
            if (state == null) {
                continue;
            }
            StatsWindows.Closed closed = config.windows().close(due.deviceId(), state, due.time());
            for (DeviceStats stats : closed.stats()) {
                context.forward(new Record<String, Object>(due.deviceId(), stats, closed.latest()), config.statsSink());
            }
            if (isCurrent) {
                currentState = closed.state();
            } else if (!closed.stats().isEmpty()) {
                states.put(due.deviceId(), closed.state());
            }
        }
        return currentState;
    }

    private void raise(Record<String, IotAlert> alert) {
        alertsByType.increment(alert.value().type().name());
        context.forward(alert.withValue((Object) alert.value()), config.alertsSink());
    }

    /** When an online device counts as silent on the heartbeat clock. */
    private long silentAt(DeviceState state) {
        long since = config.wallClock() ? Math.max(state.lastSeenAt(), startedAt) : state.lastEventTime();
        return since + timeoutMillis;
    }

    private boolean watchesHeartbeat(String deviceId, DeviceState state) {
        return state.online() && (config.unknownDevices() != UnknownDevices.ACCEPT_WITHOUT_OFFLINE
                || config.registry().contains(deviceId));
    }

    @Override
    public void close() {
        if (alertsByType != null) {
            alertsByType.close();
            ignoredInStats.close();
            deadLetters.close();
        }
    }

    /** Visits only the devices whose heartbeat deadline has passed, in the order of their ids. */
    private void findSilentDevices(long clockNow) {
        if (!heartbeats.hasDue(clockNow)) {
            return;
        }
        List<String> due = new ArrayList<>();
        heartbeats.pollDue(clockNow).forEach(entry -> due.add(entry.deviceId()));
        due.sort(DeadlineIndex.UTF8_ORDER);
        for (String deviceId : due) {
            DeviceState state = states.get(deviceId);
            if (state == null || !watchesHeartbeat(deviceId, state)) {
                continue;
            }
            long silentSince = silentAt(state) - timeoutMillis;
            Optional<DeviceMonitor.Outcome> silent = config.monitor().onSilence(deviceId, state,
                    () -> config.registry().get(deviceId), clockNow, silentSince, context.currentSystemTimeMs());
            if (silent.isEmpty()) {
                heartbeats.add(silentAt(state), deviceId);
                continue;
            }
            states.put(deviceId, silent.get().state());
            for (IotAlert alert : silent.get().alerts()) {
                raise(new Record<>(deviceId, alert, clockNow));
            }
        }
    }
}
