package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.DeviceWindow;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.MonitorRules;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.ReadingValidator;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.kstream.Rekey;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.windowing.WindowSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Factory monitoring: sensor readings in; per-minute statistics per device and sensor, and alerts for thresholds,
 * anomalies and silent devices out. The judgement lives in plain classes of {@code io.streamsuite.iot}; this class
 * wires them to topics and stores.
 */
public final class IotMonitoringApp implements StreamsApp {

    public static final TopicDef READINGS = TopicDef.input("iot-readings", "sensor readings keyed by deviceId");
    public static final TopicDef DEVICES = TopicDef.table("iot-devices",
            "the device registry: location and per-sensor thresholds, keyed by deviceId");
    public static final TopicDef STATS = TopicDef.output("iot-device-stats",
            "count, min, max, mean and stddev per device and sensor per minute");
    public static final TopicDef ALERTS = TopicDef.output("iot-alerts",
            "threshold, anomaly, offline and online alerts");

    /** Each device's status: online, last reading and running statistics per sensor; queryable by device id. */
    public static final String STATE_STORE = "iot-device-state";
    /** The registry, one copy per instance. */
    public static final String REGISTRY_STORE = "iot-devices-store";
    public static final String STATS_STORE = "iot-stats-store";

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public static void main(String[] args) {
        StreamsRunner.main(new IotMonitoringApp(), args);
    }

    @Override
    public String name() {
        return "iot-monitoring";
    }

    @Override
    public String configPrefix() {
        return "iot.";
    }

    /** The contract's port for this app, so that the three apps can run side by side on one machine. */
    @Override
    public Map<String, String> defaults() {
        return Map.of(CommonSettings.HTTP_PORT.key(), "7073");
    }

    @Override
    public List<Setting<?>> settings() {
        return IotSettings.all();
    }

    @Override
    public List<StoreQuery> queries(AppContext context) {
        return DeviceQueries.all(STATE_STORE);
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(READINGS, DEVICES, STATS, ALERTS);
    }

    public static TopicSpec<String, Reading> readings(AppContext context) {
        return context.topic(READINGS, Serdes.String(), context.inputSerde(Reading.class, new ReadingValidator()));
    }

    public static TopicSpec<String, Device> devices(AppContext context) {
        return context.topic(DEVICES, Serdes.String(), context.eventSerde(Device.class));
    }

    public static TopicSpec<String, DeviceStats> stats(AppContext context) {
        return context.topic(STATS, Serdes.String(), context.eventSerde(DeviceStats.class));
    }

    public static TopicSpec<String, IotAlert> alerts(AppContext context) {
        return context.topic(ALERTS, Serdes.String(), context.eventSerde(IotAlert.class));
    }

    @Override
    public Topology buildTopology(AppContext context) {
        StreamsBuilder builder = context.streamsBuilder();
        addRegistry(builder, context);
        KStream<String, Reading> readings = Rekey.by(readings(context).stream(builder, "iot-readings-source"),
                Reading::deviceId, "iot-by-device", Serdes.String(), context.internalSerde(Reading.class));
        stats(readings, context);
        alerts(builder, readings, context);
        return builder.build();
    }

    /** Count, min, max, mean and stddev per device and sensor per minute, once the minute and its grace are over. */
    private static void stats(KStream<String, Reading> readings, AppContext context) {
        TopicSpec<String, DeviceStats> output = stats(context);
        readings
                .groupByKey(Grouped.with(Serdes.String(), context.internalSerde(Reading.class)))
                .windowedBy(WindowSpecs.tumbling(MINUTE, context.get(IotSettings.STATS_GRACE)))
                .aggregate(DeviceWindow::empty, (device, reading, window) -> window.add(reading),
                        Named.as("iot-aggregate-stats"),
                        Materialized.<String, DeviceWindow, WindowStore<Bytes, byte[]>>as(STATS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(DeviceWindow.class)))
                .suppress(Suppressed.<Windowed<String>>untilWindowCloses(BufferConfig.unbounded())
                        .withName("iot-stats-until-closed"))
                .toStream(Named.as("iot-closed-stats"))
                .flatMap((window, sensors) -> sensors.toStats(window.key(), window.window().start(),
                                window.window().end()).stream()
                        .map(stats -> KeyValue.pair(window.key(), stats)).toList(),
                        Named.as("iot-stats-per-sensor"))
                .to(output.name(), output.produced("iot-device-stats-sink"));
    }

    private static void alerts(StreamsBuilder builder, KStream<String, Reading> readings, AppContext context) {
        TopicSpec<String, IotAlert> output = alerts(context);
        DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(context.get(IotSettings.Z_THRESHOLD),
                context.get(IotSettings.WARM_UP), context.get(IotSettings.ALPHA),
                context.get(IotSettings.HEARTBEAT_TIMEOUT), context.get(IotSettings.COOLDOWN)));
        boolean wallClock = context.get(IotSettings.HEARTBEAT_CLOCK).equals(IotSettings.WALL_CLOCK);
        Duration checkInterval = context.get(IotSettings.HEARTBEAT_CHECK_INTERVAL);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                        Serdes.String(), JsonSerde.of(DeviceState.class))
                .withCachingEnabled());
        readings.process(() -> new DeviceWatch(monitor, STATE_STORE, REGISTRY_STORE, wallClock, checkInterval),
                        Named.as("iot-watch-devices"), STATE_STORE)
                .to(output.name(), output.produced("iot-alerts-sink"));
    }

    /** The registry of every device: persistent, so a restart reads only what is new in the topic. */
    private static void addRegistry(StreamsBuilder builder, AppContext context) {
        TopicSpec<String, Device> devices = devices(context);
        TableUpdater.addGlobalTable(builder, Stores.persistentKeyValueStore(REGISTRY_STORE), devices,
                context.internalSerde(Device.class),
                () -> new RegistryUpdater(REGISTRY_STORE, devices));
    }
}
