package io.streamsuite.iot;

/** The kinds of {@code iot-alerts}. */
public enum AlertType {
    THRESHOLD_HIGH,
    THRESHOLD_LOW,
    ANOMALY,
    DEVICE_OFFLINE,
    DEVICE_ONLINE
}
