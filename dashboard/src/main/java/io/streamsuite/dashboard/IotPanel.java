package io.streamsuite.dashboard;

import io.streamsuite.iot.AlertType;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IoT panel: every device with its location, whether it is online (as the app last said with its
 * {@code DEVICE_OFFLINE} / {@code DEVICE_ONLINE} alerts) and its last alert; and, for one device at a time, its recent
 * readings per sensor with the alerts on them.
 */
final class IotPanel {

    /** One tile of the device grid. */
    record DeviceTile(String deviceId, String location, boolean online, String lastAlert, Long lastAlertAt,
                      Long lastReadingAt) {
    }

    /** A point of a sensor's chart. */
    record Point(long time, double value) {
    }

    /** An alert on a sensor's chart (or on the device, for heartbeat alerts: {@code sensorType} null). */
    record Marker(long time, String type, String sensorType, Double value) {
    }

    /** One device in detail. */
    record DeviceDetail(DeviceTile device, Map<String, List<Point>> readings, List<Marker> alerts) {
    }

    private static final class DeviceTrack {
        String location;
        boolean online = true;
        IotAlert lastAlert;
        Long lastReadingAt;
        final Map<String, Deque<Point>> readings = new TreeMap<>();
        final Deque<Marker> alerts = new ArrayDeque<>();
    }

    private final int pointsPerSensor;
    private final Map<String, DeviceTrack> devices = new HashMap<>();

    IotPanel(int pointsPerSensor) {
        this.pointsPerSensor = pointsPerSensor;
    }

    synchronized void add(String deviceId, Device registered) {
        track(deviceId).location = registered == null ? null : registered.location();
    }

    synchronized void add(Reading reading) {
        if (reading.deviceId() == null || reading.value() == null || reading.timestamp() == null) {
            return; // the app dead-letters it; nothing to draw
        }
        DeviceTrack device = track(reading.deviceId());
        device.lastReadingAt = Math.max(reading.timestamp(), device.lastReadingAt == null ? Long.MIN_VALUE : device.lastReadingAt);
        bounded(device.readings.computeIfAbsent(reading.sensorType(), sensor -> new ArrayDeque<>()),
                new Point(reading.timestamp(), reading.value()));
    }

    synchronized void add(IotAlert alert) {
        DeviceTrack device = track(alert.deviceId());
        if (alert.location() != null) {
            device.location = alert.location();
        }
        if (alert.type() == AlertType.DEVICE_OFFLINE || alert.type() == AlertType.DEVICE_ONLINE) {
            device.online = alert.type() == AlertType.DEVICE_ONLINE;
        }
        device.lastAlert = alert;
        bounded(device.alerts, new Marker(alert.eventTime(), alert.type().name(), alert.sensorType(), alert.value()));
    }

    /** Every device, by location and id; devices without a known location last. */
    synchronized List<DeviceTile> tiles() {
        List<DeviceTile> tiles = new ArrayList<>();
        devices.forEach((id, device) -> tiles.add(tile(id, device)));
        tiles.sort(Comparator.comparing((DeviceTile tile) -> tile.location() == null ? "\uffff" : tile.location())
                .thenComparing(DeviceTile::deviceId));
        return tiles;
    }

    synchronized Optional<DeviceDetail> detail(String deviceId) {
        DeviceTrack device = devices.get(deviceId);
        if (device == null) {
            return Optional.empty();
        }
        Map<String, List<Point>> readings = new TreeMap<>();
        device.readings.forEach((sensor, points) -> readings.put(sensor, List.copyOf(points)));
        return Optional.of(new DeviceDetail(tile(deviceId, device), readings, List.copyOf(device.alerts)));
    }

    private DeviceTile tile(String id, DeviceTrack device) {
        IotAlert last = device.lastAlert;
        return new DeviceTile(id, device.location, device.online, last == null ? null : last.type().name(),
                last == null ? null : last.eventTime(), device.lastReadingAt);
    }

    private DeviceTrack track(String deviceId) {
        return devices.computeIfAbsent(deviceId, id -> new DeviceTrack());
    }

    private <T> void bounded(Deque<T> queue, T item) {
        queue.addLast(item);
        if (queue.size() > pointsPerSensor) {
            queue.removeFirst();
        }
    }
}
