package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.testing.AvroEvents;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every event of the IoT contract in Avro: complete round trips, and schemas that can gain optional fields. */
class IotAvroTest {

    private static TestSchemaRegistry registry;

    @BeforeAll
    static void start() {
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void inputsRoundTrip() {
        AvroEvents.assertRoundTrips(new Reading("dev-1", "temperature", 21.5, "C", 1763719200000L), registry);
        AvroEvents.assertRoundTrips(new Reading("dev-1", "humidity", 40.0, null, 1763719200000L), registry);
        AvroEvents.assertRoundTrips(new Device("dev-1", "hall-A", Map.of("temperature", new Device.Range(null, 30.0),
                "humidity", new Device.Range(20.0, 60.0))), registry);
        AvroEvents.assertRoundTrips(new Device(null, null, Map.of()), registry);
    }

    @Test
    void outputsRoundTrip() {
        AvroEvents.assertRoundTrips(new DeviceStats("dev-1", "temperature", 0, 60_000, 30, 20.5, 22.0, 21.2, 0.4), registry);
        AvroEvents.assertRoundTrips(new IotAlert("a-1", "dev-1", "temperature", AlertType.ANOMALY, 35.0, 1000, 1200,
                "hall-A", null, 21.0, 5.2, null), registry);
        AvroEvents.assertRoundTrips(new IotAlert("a-2", "dev-1", null, AlertType.DEVICE_OFFLINE, null, 1000, 1200,
                null, null, null, null, 400L), registry);
    }

    @ParameterizedTest
    @ValueSource(classes = {Reading.class, Device.class, DeviceStats.class, IotAlert.class})
    void everyOptionalFieldDefaultsToNull(Class<?> event) {
        assertThat(AvroEvents.optionalFieldsWithoutNullDefault(event)).isEmpty();
    }
}
