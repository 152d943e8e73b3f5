package io.streamsuite.clickstream.app;

import io.streamsuite.topologies.testing.ShippedProperties;
import org.junit.jupiter.api.Test;

/** The shipped {@code config/clickstream.properties} must start the app and document every key it has. */
class PropertiesFileTest {

    private final ShippedProperties file = ShippedProperties.of(new ClickstreamApp());

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
