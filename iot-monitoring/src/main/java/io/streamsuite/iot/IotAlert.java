package io.streamsuite.iot;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One record of {@code iot-alerts}. Fields that do not apply to a type are null and left out of the JSON.
 *
 * @param alertId    derived from device, sensor, type and event time, so reprocessing yields the same id
 * @param sensorType null for {@code DEVICE_OFFLINE} and {@code DEVICE_ONLINE}
 * @param value      the reading, null for {@code DEVICE_OFFLINE}
 * @param eventTime  the reading's time; for {@code DEVICE_OFFLINE} the time, on the heartbeat clock, it was noticed
 * @param detectedAt wall-clock time of detection
 * @param location   from the registry, null if the device is not registered
 * @param threshold  the bound crossed ({@code THRESHOLD_*})
 * @param expected   the running mean the reading was judged against ({@code ANOMALY})
 * @param zScore     how many running standard deviations the reading is away from it ({@code ANOMALY})
 * @param lastSeen   the event time of the device's last reading before ({@code DEVICE_*})
 */
public record IotAlert(String alertId, String deviceId, String sensorType, AlertType type, Double value,
                       long eventTime, long detectedAt, String location, Double threshold, Double expected,
                       Double zScore, Long lastSeen) {

    static IotAlert threshold(Reading reading, AlertType type, double threshold, String location, long detectedAt) {
        return new IotAlert(id(reading.deviceId(), reading.sensorType(), type, reading.timestamp()),
                reading.deviceId(), reading.sensorType(), type, reading.value(), reading.timestamp(), detectedAt,
                location, threshold, null, null, null);
    }

    static IotAlert anomaly(Reading reading, double expected, double zScore, String location, long detectedAt) {
        return new IotAlert(id(reading.deviceId(), reading.sensorType(), AlertType.ANOMALY, reading.timestamp()),
                reading.deviceId(), reading.sensorType(), AlertType.ANOMALY, reading.value(), reading.timestamp(),
                detectedAt, location, null, expected, zScore, null);
    }

    static IotAlert online(Reading reading, long lastSeen, String location, long detectedAt) {
        return new IotAlert(id(reading.deviceId(), null, AlertType.DEVICE_ONLINE, reading.timestamp()),
                reading.deviceId(), null, AlertType.DEVICE_ONLINE, reading.value(), reading.timestamp(), detectedAt,
                location, null, null, null, lastSeen);
    }

    static IotAlert offline(String deviceId, long noticedAt, long lastSeen, String location, long detectedAt) {
        return new IotAlert(id(deviceId, null, AlertType.DEVICE_OFFLINE, lastSeen), deviceId, null,
                AlertType.DEVICE_OFFLINE, null, noticedAt, detectedAt, location, null, null, null, lastSeen);
    }

    private static String id(String deviceId, String sensorType, AlertType type, long time) {
        String name = "iot-alert:" + deviceId + ":" + sensorType + ":" + type + ":" + time;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
