package io.streamsuite.iot;

import java.util.Arrays;
import java.util.List;

/** What the app does with readings of a device the registry ({@code iot-devices}) does not know. */
public enum UnknownDevices {

    /** Monitored like a registered device, without thresholds or location: statistics, anomalies and heartbeat. */
    ACCEPT("accept"),
    /** Statistics and anomalies, but no {@code DEVICE_OFFLINE}/{@code DEVICE_ONLINE}: stray ids raise no alarm flood. */
    ACCEPT_WITHOUT_OFFLINE("accept-without-offline"),
    /** To the dead-letter topic: nothing of the device is kept, so unknown ids cannot grow the state. */
    DEAD_LETTER("dead-letter");

    private final String setting;

    UnknownDevices(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static List<String> settings() {
        return Arrays.stream(values()).map(UnknownDevices::setting).toList();
    }

    public static UnknownDevices of(String setting) {
        return Arrays.stream(values()).filter(policy -> policy.setting.equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy " + setting));
    }
}
