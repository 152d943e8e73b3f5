package io.streamsuite.iot.app;

import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.IotSettings;
import io.streamsuite.iot.MonitorRules;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.ReadingValidator;
import io.streamsuite.iot.StatsWindows;
import io.streamsuite.iot.UnknownDevices;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.kstream.Rekey;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

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

    /**
     * Each device's state: online, last reading and running statistics per sensor, and its open 1-minute statistics
     * windows; queryable by device id.
     */
    public static final String STATE_STORE = "iot-device-state";
    /** The registry, one copy per instance. */
    public static final String REGISTRY_STORE = "iot-devices-store";

    private static final String REKEY = "iot-by-device";
    private static final String WATCH = "iot-watch-devices";
    private static final String STATS_SINK = "iot-device-stats-sink";
    private static final String ALERTS_SINK = "iot-alerts-sink";
    private static final String DEAD_LETTER_SINK = "iot-dead-letters-sink";

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
        DeviceRegistry registry = new DeviceRegistry();
        addRegistry(builder, context, registry);
        UnknownDevices unknownDevices = UnknownDevices.of(context.get(IotSettings.UNKNOWN_DEVICES));
        ReadingValidator validator = new ReadingValidator(context.get(IotSettings.MAX_ID_LENGTH),
                context.get(IotSettings.MAX_MAGNITUDE),
                unknownDevices == UnknownDevices.DEAD_LETTER ? registry::contains : deviceId -> true);
        TopicSpec<String, Reading> input = context.topic(READINGS, Serdes.String(),
                context.inputSerde(Reading.class, validator));
        Rekey.by(input.stream(builder, "iot-readings-source"), Reading::deviceId, REKEY, Serdes.String(),
                context.internalSerde(Reading.class));
        Topology topology = builder.build();
        watchDevices(topology, context, registry, unknownDevices, input);
        return topology;
    }

    /**
     * The one stateful step, added with the Processor API behind the DSL's re-keying: it writes to three topics, each
     * with its own serde. The store holds each device's state with its open statistics windows (no window store,
     * no suppression buffer).
     */
    private static void watchDevices(Topology topology, AppContext context, DeviceRegistry registry,
                                     UnknownDevices unknownDevices, TopicSpec<String, Reading> input) {
        DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(context.get(IotSettings.Z_THRESHOLD),
                context.get(IotSettings.WARM_UP), context.get(IotSettings.ALPHA),
                context.get(IotSettings.HEARTBEAT_TIMEOUT), context.get(IotSettings.COOLDOWN)));
        DeviceWatch.Config config = new DeviceWatch.Config(monitor,
                new StatsWindows(MINUTE, context.get(IotSettings.STATS_GRACE)), STATE_STORE, registry, unknownDevices,
                context.get(IotSettings.MAX_SENSOR_TYPES),
                context.get(IotSettings.HEARTBEAT_CLOCK).equals(IotSettings.WALL_CLOCK),
                context.get(IotSettings.HEARTBEAT_TIMEOUT), context.get(IotSettings.HEARTBEAT_CHECK_INTERVAL),
                STATS_SINK, ALERTS_SINK, DEAD_LETTER_SINK);
        topology.addProcessor(WATCH, () -> new DeviceWatch(config), REKEY + "-merge");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
                Serdes.String(), new DeviceStateSerde()).withCachingEnabled(), WATCH);
        TopicSpec<String, DeviceStats> stats = stats(context);
        TopicSpec<String, IotAlert> alerts = alerts(context);
        topology.addSink(STATS_SINK, stats.name(), stats.keySerde().serializer(), stats.valueSerde().serializer(), WATCH);
        topology.addSink(ALERTS_SINK, alerts.name(), alerts.keySerde().serializer(), alerts.valueSerde().serializer(),
                WATCH);
        topology.addSink(DEAD_LETTER_SINK, context.deadLetterTopic(), input.keySerde().serializer(),
                input.valueSerde().serializer(), WATCH);
    }

    /** The registry of every device: persistent, so a restart reads only what is new in the topic. */
    private static void addRegistry(StreamsBuilder builder, AppContext context, DeviceRegistry registry) {
        TopicSpec<String, Device> devices = devices(context);
        TableUpdater.addGlobalTable(builder, Stores.persistentKeyValueStore(REGISTRY_STORE), devices,
                context.internalSerde(Device.class),
                () -> new RegistryUpdater(REGISTRY_STORE, devices, registry));
    }
}
