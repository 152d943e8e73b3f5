package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped {@code config/fraud-detection.properties} must start the app and document every key it has. */
class PropertiesFileTest {

    private static final Path FILE = Path.of("..", "config", "fraud-detection.properties");

    @Test
    void loadsWithoutError() {
        ConfiguredApp app = ConfiguredApp.load(new FraudDetectionApp(), FILE, Map.of(), List.of());
        assertThat(app.config().get(CommonSettings.TOPICS_CREATE)).isTrue();
        assertThat(app.unrecognizedKafkaKeys()).isEmpty();
    }

    @Test
    void listsEveryKeyOfTheAppWithACommentAbove() throws IOException {
        List<String> lines = Files.readAllLines(FILE);
        for (Setting<?> setting : ConfiguredApp.settingsOf(new FraudDetectionApp())) {
            assertThat(lines).as("a line setting or showing %s", setting.key())
                    .anyMatch(line -> line.startsWith(setting.key() + "=") || line.startsWith("#" + setting.key() + "="));
        }
    }

    @Test
    void everyCommentedDefaultIsTheBuiltInDefault() throws IOException {
        // uncommenting a line must not change anything: the shown value parses to the default
        for (String line : Files.readAllLines(FILE)) {
            if (!line.matches("#[a-z][a-z.-]*=.*")) {
                continue;
            }
            String key = line.substring(1, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            ConfiguredApp.settingsOf(new FraudDetectionApp()).stream()
                    .filter(setting -> setting.key().equals(key))
                    .findFirst()
                    .ifPresent(setting -> assertThat((Object) setting.parse(value)).as(key)
                            .isEqualTo(setting.defaultValue()));
        }
    }
}
