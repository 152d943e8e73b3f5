package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.testing.ShippedProperties;
import org.junit.jupiter.api.Test;

/** The shipped {@code config/fraud-detection.properties} must start the app and document every key it has. */
class PropertiesFileTest {

    private final ShippedProperties file = ShippedProperties.of(new FraudDetectionApp());

    @Test
    void loadsWithoutErrorAndCreatesTopicsLocally() {
        ConfiguredApp configured = file.load();
        assertThat(configured.config().get(CommonSettings.TOPICS_CREATE)).as("local configs create topics").isTrue();
        assertThat(configured.unrecognizedKafkaKeys()).isEmpty();
    }

    @Test
    void listsEveryKeyOfTheApp() {
        assertThat(file.undocumentedKeys()).isEmpty();
    }

    @Test
    void everyCommentedValueIsTheBuiltInDefault() {
        assertThat(file.commentedValuesThatAreNotTheDefault()).isEmpty();
    }
}
