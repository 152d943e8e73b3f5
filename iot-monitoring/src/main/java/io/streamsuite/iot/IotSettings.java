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

    private static final List<Setting<?>> ALL = List.of(STATS_GRACE, Z_THRESHOLD, WARM_UP, ALPHA, HEARTBEAT_TIMEOUT,
            HEARTBEAT_CLOCK, HEARTBEAT_CHECK_INTERVAL, COOLDOWN);

    private IotSettings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }
}
