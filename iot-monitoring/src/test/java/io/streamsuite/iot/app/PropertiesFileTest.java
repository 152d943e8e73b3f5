package io.streamsuite.iot.app;

import io.streamsuite.topologies.testing.ShippedProperties;
import org.junit.jupiter.api.Test;

/** The shipped {@code config/iot-monitoring.properties} must start the app and document every key it has. */
class PropertiesFileTest {

    private final ShippedProperties file = ShippedProperties.of(new IotMonitoringApp());

    @Test
    void loadsWithoutError() {
        file.loads();
    }

    @Test
    void listsEveryKeyOfTheApp() {
        file.listsEveryKey();
    }

    @Test
    void everyCommentedValueIsTheBuiltInDefault() {
        file.showsTheDefaults();
    }
}
