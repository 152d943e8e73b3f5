package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.windowing.EwmStats;
import io.streamsuite.topologies.windowing.RunningStats;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceStateCodecTest {

    private static final DeviceState SMALL = new DeviceState(true, 1000, 2000,
            Map.of("t", new SensorState(new EwmStats(0.5, 2, 1.5, 0.25), 2.0, 1000)),
            Map.of("ANOMALY/t", 1000L),
            List.of(new DeviceWindow(0, 1000, Map.of("t", new RunningStats(2, 1.5, 0.5, 1.0, 2.0)))));

    /** Version 1, field by field: changing a byte of this is changing the stored layout, which needs a new version. */
    private static final String SMALL_V1 = String.join("",
            "01", "01",                                   // version, online
            "00000000000003e8", "00000000000007d0",       // lastEventTime 1000, lastSeenAt 2000
            "01", "0174",                                 // one sensor, "t"
            "3fe0000000000000", "02",                     // alpha 0.5, count 2
            "3ff8000000000000", "3fd0000000000000",       // mean 1.5, variance 0.25
            "4000000000000000", "00000000000003e8",       // lastValue 2.0, lastTime 1000
            "01", "09" + hex("ANOMALY/t"), "00000000000003e8", // one alert time
            "01", "0000000000000000", "00000000000003e8", // one window: start 0, latest 1000
            "01", "0174", "02",                           // one sensor "t", count 2
            "3ff8000000000000", "3fe0000000000000",       // mean 1.5, m2 0.5
            "3ff0000000000000", "4000000000000000");      // min 1.0, max 2.0

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLayoutIsPinnedByteForByte() {
        assertThat(HexFormat.of().formatHex(DeviceStateCodec.encode(SMALL))).isEqualTo(SMALL_V1);
        assertThat(DeviceStateCodec.decode(HexFormat.of().parseHex(SMALL_V1))).isEqualTo(SMALL);
    }

    @Test
    void aFullStateReadsBackExactly() {
        DeviceState state = new DeviceState(false, Long.MAX_VALUE, -5, Map.of(
                "temperature", new SensorState(new EwmStats(0.05, 1_000_000_000_000L, -273.15, 1e-300), Double.MIN_VALUE, 7),
                "ünïcødé-🌡", new SensorState(new EwmStats(1.0, 1, 1e100, 0), -0.0, 8)),
                Map.of("DEVICE_OFFLINE/", 3L, "THRESHOLD_HIGH/temperature", 4L),
                List.of(new DeviceWindow(60_000, 119_999, Map.of("temperature", RunningStats.empty().add(1).add(3))),
                        new DeviceWindow(120_000, 120_000, Map.of("temperature", RunningStats.empty().add(-1e100),
                                "ünïcødé-🌡", RunningStats.empty().add(0.1)))));
        byte[] bytes = DeviceStateCodec.encode(state);
        assertThat(DeviceStateCodec.decode(bytes)).isEqualTo(state);
        assertThat(DeviceStateCodec.encode(DeviceStateCodec.decode(bytes))).isEqualTo(bytes);
    }

    @Test
    void equalStatesHaveEqualBytesWhateverTheMapOrder() {
        DeviceState one = new DeviceState(true, 1, 1, Map.of(), Map.of("a", 1L, "b", 2L, "c", 3L), List.of());
        DeviceState other = new DeviceState(true, 1, 1, Map.of(), Map.of("c", 3L, "a", 1L, "b", 2L), List.of());
        assertThat(DeviceStateCodec.encode(one)).isEqualTo(DeviceStateCodec.encode(other));
    }

    @Test
    void anotherVersionIsRefusedByName() {
        byte[] bytes = DeviceStateCodec.encode(SMALL);
        bytes[0] = 2;
        assertThatThrownBy(() -> DeviceStateCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device state layout version 2 (this release reads version 1): it was written by"
                        + " another release of iot-monitoring");
    }

    @Test
    void theJsonOfEarlierReleasesIsRefusedWithTheUpgradeStep() {
        byte[] json = "{\"online\":true,\"lastEventTime\":1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DeviceStateCodec.decode(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON layout of an earlier release").hasMessageContaining("--reset");
    }

    @Test
    void cutOrPaddedBytesAreRefused() {
        byte[] bytes = DeviceStateCodec.encode(SMALL);
        assertThatThrownBy(() -> DeviceStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> DeviceStateCodec.decode(java.util.Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 bytes after the end of the device state");
        assertThatThrownBy(() -> DeviceStateCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
