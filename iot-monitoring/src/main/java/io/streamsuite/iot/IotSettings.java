package io.streamsuite.iot;

import io.streamsuite.topologies.config.Setting;
import java.time.Duration;
import java.util.List;

/** The IoT app's configuration keys, {@code iot.*}, with the contract's defaults. */
public final class IotSettings {

    public static final String WALL_CLOCK = "wall-clock";
    public static final String STREAM_TIME = "stream-time";

    public static final Setting<Duration> STATS_GRACE = Setting.nonNegativeDuration("iot.stats.grace",
            Duration.ofSeconds(30), "How late a reading may arrive and still count in its 1-minute statistics; each"
                    + " window is emitted once, this long after it ends.");
    public static final Setting<Double> Z_THRESHOLD = Setting.decimal("iot.anomaly.z-threshold", 4.0, 0.5, 1000.0,
            "A reading more than this many running standard deviations from its running mean is an anomaly.");
    public static final Setting<Integer> WARM_UP = Setting.integer("iot.anomaly.warm-up", 30, 2, 1_000_000,
            "How many readings of a device and sensor build its baseline before any reading is judged.");
    public static final Setting<Double> ALPHA = Setting.decimal("iot.anomaly.alpha", 0.05, 0.0001, 1.0,
            "Weight of the newest reading in the running mean and variance; smaller remembers longer"
                    + " (about 1/alpha readings).");
    public static final Setting<Duration> HEARTBEAT_TIMEOUT = Setting.duration("iot.heartbeat.timeout",
            Duration.ofSeconds(60), "A device that sends nothing for this long is offline.");
    public static final Setting<String> HEARTBEAT_CLOCK = Setting.oneOf("iot.heartbeat.clock", WALL_CLOCK,
            "wall-clock catches a silent device even when no other reading arrives; stream-time judges silence by"
                    + " the readings' own times, for replays of history.", WALL_CLOCK, STREAM_TIME);
    public static final Setting<Duration> HEARTBEAT_CHECK_INTERVAL = Setting.duration("iot.heartbeat.check-interval",
            Duration.ofSeconds(5), "How often each task looks for silent devices; an offline alert comes at most"
                    + " this long after the timeout.");
    public static final Setting<Duration> COOLDOWN = Setting.nonNegativeDuration("iot.alert.cooldown",
            Duration.ofMinutes(5), "At most one alert per device, sensor and alert type within this span.");

    public static final Setting<String> UNKNOWN_DEVICES = Setting.oneOf("iot.devices.unknown",
            UnknownDevices.ACCEPT.setting(), "Readings of a device the registry (iot-devices) does not know: accept"
                    + " (statistics, anomalies and offline alerts, as for a registered device), accept-without-offline"
                    + " (no DEVICE_OFFLINE/DEVICE_ONLINE for it), or dead-letter (to the dead-letter topic; nothing of"
                    + " the device is kept).", UnknownDevices.settings().toArray(String[]::new));
    public static final Setting<Integer> MAX_SENSOR_TYPES = Setting.integer("iot.device.max-sensor-types", 64, 1,
            10_000, "Most distinct sensor types one device may have; a reading of a further type goes to the"
                    + " dead-letter topic, so stray types cannot grow a device's state without bound.");
    public static final Setting<Integer> MAX_ID_LENGTH = Setting.integer("iot.reading.max-id-length",
            ReadingValidator.DEFAULT_MAX_ID_LENGTH, 1, 65_536, "Longest deviceId and sensorType, in characters; a"
                    + " reading with a longer one goes to the dead-letter topic.");
    public static final Setting<Double> MAX_MAGNITUDE = Setting.decimal("iot.reading.max-magnitude",
            ReadingValidator.DEFAULT_MAX_MAGNITUDE, 1.0, 1e150, "Largest absolute reading value; a reading beyond it"
                    + " goes to the dead-letter topic. At most 1e150, so that the statistics' squares stay finite.");

    private static final List<Setting<?>> ALL = List.of(STATS_GRACE, Z_THRESHOLD, WARM_UP, ALPHA, HEARTBEAT_TIMEOUT,
            HEARTBEAT_CLOCK, HEARTBEAT_CHECK_INTERVAL, COOLDOWN, UNKNOWN_DEVICES, MAX_SENSOR_TYPES, MAX_ID_LENGTH,
            MAX_MAGNITUDE);

    private IotSettings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }
}
