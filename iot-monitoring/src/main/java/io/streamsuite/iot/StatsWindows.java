package io.streamsuite.iot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 1-minute tumbling windows of {@code iot-device-stats}, kept in each device's state: the same windows, grace
 * and closing as Kafka Streams' {@code TimeWindows.ofSizeAndGrace} with {@code suppress(untilWindowCloses)}, without
 * a window store. A reading counts in its window while the window's end plus the grace is after the stream time; a
 * window closes, and is emitted once, when the stream time reaches its end plus the grace.
 */
public final class StatsWindows {

    private final long size;
    private final long grace;

    public StatsWindows(Duration size, Duration grace) {
        this.size = size.toMillis();
        this.grace = grace.toMillis();
    }

    /** What became of a reading in the statistics. */
    public enum Fate {
        COUNTED,
        /** its window had closed already */
        LATE,
        /** counting it would make its window's statistics overflow to infinity */
        OVERFLOW
    }

    /**
     * @param state    the device's state, with the windows it had before the reading
     * @param opened   the start of the window the reading opened, if it opened one
     */
    public record Counted(DeviceState state, Fate fate, Optional<Long> opened) {
    }

    public long startOf(long time) {
        return time - Math.floorMod(time, size);
    }

    /** The stream time at which a window is closed: its end plus the grace. */
    public long closesAt(long windowStart) {
        return windowStart + size + grace;
    }

    /** Counts a reading in its window, unless the window has closed at this stream time. */
    public Counted add(DeviceState state, Reading reading, long streamTime) {
        long start = startOf(reading.timestamp());
        if (closesAt(start) <= streamTime) {
            return new Counted(state, Fate.LATE, Optional.empty());
        }
        List<DeviceWindow> windows = new ArrayList<>(state.windows());
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).start() == start) {
                DeviceWindow added = windows.get(i).add(reading.sensorType(), reading.value(), reading.timestamp());
                if (added == null) {
                    return new Counted(state, Fate.OVERFLOW, Optional.empty());
                }
                windows.set(i, added);
                return new Counted(state.withWindows(windows), Fate.COUNTED, Optional.empty());
            }
        }
        windows.add(DeviceWindow.of(start, reading.sensorType(), reading.value(), reading.timestamp()));
        return new Counted(state.withWindows(windows), Fate.COUNTED, Optional.of(start));
    }

    /** A device's state after one of its windows closed, and that window's statistics (none if it was not open). */
    public record Closed(DeviceState state, List<DeviceStats> stats, long latest) {
    }

    /** Closes the window of the device that closes at {@code closeTime}. */
    public Closed close(String deviceId, DeviceState state, long closeTime) {
        long start = closeTime - size - grace;
        List<DeviceWindow> remaining = new ArrayList<>(state.windows().size());
        DeviceWindow closed = null;
        for (DeviceWindow window : state.windows()) {
            if (window.start() == start) {
                closed = window;
            } else {
                remaining.add(window);
            }
        }
        if (closed == null) {
            return new Closed(state, List.of(), 0);
        }
        return new Closed(state.withWindows(remaining), closed.toStats(deviceId, start + size), closed.latest());
    }
}
