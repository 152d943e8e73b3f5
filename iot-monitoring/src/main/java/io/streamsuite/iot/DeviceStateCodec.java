package io.streamsuite.iot;

import io.streamsuite.topologies.windowing.EwmStats;
import io.streamsuite.topologies.windowing.RunningStats;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary layout of a {@link DeviceState} in the store {@code iot-device-state} and its changelog. Versioned by
 * its first byte, so a later layout can read this one or refuse it by name.
 *
 * <p>Version 1, big-endian; {@code varint} is an unsigned LEB128 (7 bits a byte, low first), {@code string} a varint
 * byte count and that many bytes of UTF-8; maps are written in key order so equal states have equal bytes:
 * <pre>
 * byte    version (1)
 * byte    flags: bit 0 online
 * long    lastEventTime, long lastSeenAt
 * varint  sensor count, then each: string sensorType, double alpha, varint count, double mean, double variance,
 *         double lastValue, long lastTime
 * varint  alert count, then each: string key, long time
 * varint  window count, then each (oldest first): long start, long latest, varint sensor count, then each:
 *         string sensorType, varint count, double mean, double m2, double min, double max
 * </pre>
 * Doubles are IEEE 754 bits, so a value reads back exactly; the state's JSON took three to four times the bytes and
 * most of the time to format and parse its numbers.
 */
public final class DeviceStateCodec {

    public static final byte VERSION = 1;

    private static final int ONLINE = 1;

    private DeviceStateCodec() {
    }

    public static byte[] encode(DeviceState state) {
        Writer out = new Writer();
        out.buffer.write(VERSION);
        out.buffer.write(state.online() ? ONLINE : 0);
        out.writeLong(state.lastEventTime());
        out.writeLong(state.lastSeenAt());
        Map<String, SensorState> sensors = sorted(state.sensors());
        out.writeVarint(sensors.size());
        sensors.forEach((type, sensor) -> {
            out.writeString(type);
            EwmStats baseline = sensor.baseline();
            out.writeDouble(baseline.alpha());
            out.writeVarint(baseline.count());
            out.writeDouble(baseline.mean());
            out.writeDouble(baseline.variance());
            out.writeDouble(sensor.lastValue());
            out.writeLong(sensor.lastTime());
        });
        Map<String, Long> alerts = sorted(state.lastAlerts());
        out.writeVarint(alerts.size());
        alerts.forEach((key, time) -> {
            out.writeString(key);
            out.writeLong(time);
        });
        out.writeVarint(state.windows().size());
        for (DeviceWindow window : state.windows()) {
            out.writeLong(window.start());
            out.writeLong(window.latest());
            Map<String, RunningStats> windowSensors = sorted(window.sensors());
            out.writeVarint(windowSensors.size());
            windowSensors.forEach((type, stats) -> {
                out.writeString(type);
                out.writeVarint(stats.count());
                out.writeDouble(stats.mean());
                out.writeDouble(stats.m2());
                out.writeDouble(stats.min());
                out.writeDouble(stats.max());
            });
        }
        return out.buffer.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are of another layout version (naming it) or are cut short or
     *                                  corrupt
     */
    public static DeviceState decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a device state cannot be empty");
        }
        byte version = bytes[0];
        if (version != VERSION) {
            throw new IllegalArgumentException(version == '{'
                    ? "this device state is in the JSON layout of an earlier release, which this release does not read:"
                            + " reset the app (--reset) to rebuild its state from the readings"
                    : "unknown device state layout version " + (version & 0xFF) + " (this release reads version "
                            + VERSION + "): it was written by another release of iot-monitoring");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        try {
            boolean online = (in.get() & ONLINE) != 0;
            long lastEventTime = in.getLong();
            long lastSeenAt = in.getLong();
            int sensorCount = count(in);
            Map<String, SensorState> sensors = new HashMap<>(sensorCount * 2);
            for (int i = 0; i < sensorCount; i++) {
                String type = readString(in);
                EwmStats baseline = new EwmStats(in.getDouble(), readVarint(in), in.getDouble(), in.getDouble());
                sensors.put(type, new SensorState(baseline, in.getDouble(), in.getLong()));
            }
            int alertCount = count(in);
            Map<String, Long> alerts = new HashMap<>(alertCount * 2);
            for (int i = 0; i < alertCount; i++) {
                alerts.put(readString(in), in.getLong());
            }
            int windowCount = count(in);
            List<DeviceWindow> windows = new ArrayList<>(windowCount);
            for (int i = 0; i < windowCount; i++) {
                long start = in.getLong();
                long latest = in.getLong();
                int windowSensorCount = count(in);
                Map<String, RunningStats> windowSensors = new HashMap<>(windowSensorCount * 2);
                for (int j = 0; j < windowSensorCount; j++) {
                    windowSensors.put(readString(in), new RunningStats(readVarint(in), in.getDouble(), in.getDouble(),
                            in.getDouble(), in.getDouble()));
                }
                windows.add(new DeviceWindow(start, latest, windowSensors));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the end of the device state");
            }
            return new DeviceState(online, lastEventTime, lastSeenAt, sensors, alerts, windows);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the device state is cut short (" + bytes.length + " bytes)", e);
        }
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map.size() < 2 ? map : new TreeMap<>(map);
    }

    private static int count(ByteBuffer in) {
        long count = readVarint(in);
        // every entry takes at least one byte: a larger count can only be corruption
        if (count > in.remaining()) {
            throw new IllegalArgumentException("the device state claims " + count + " entries in "
                    + in.remaining() + " bytes");
        }
        return (int) count;
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint of the device state is longer than 10 bytes");
    }

    private static String readString(ByteBuffer in) {
        int length = count(in);
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /** A growing buffer with the primitive writes of the layout. */
    private static final class Writer {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        private final byte[] scratch = new byte[8];

        void writeLong(long value) {
            for (int i = 7; i >= 0; i--) {
                scratch[i] = (byte) value;
                value >>>= 8;
            }
            buffer.write(scratch, 0, 8);
        }

        void writeDouble(double value) {
            writeLong(Double.doubleToRawLongBits(value));
        }

        void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                buffer.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            buffer.write((int) value);
        }

        void writeString(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeVarint(utf8.length);
            buffer.write(utf8, 0, utf8.length);
        }
    }
}
