package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Checks on an app's shipped {@code config/<app>.properties}: it starts the app, and it documents every key so that
 * the file stays the reference users read.
 */
public final class ShippedProperties {

    private final StreamsApp app;
    private final Path file;

    private ShippedProperties(StreamsApp app, Path file) {
        this.app = app;
        this.file = file;
    }

    /** The file {@code config/<app name>.properties} of the repository, seen from a module directory. */
    public static ShippedProperties of(StreamsApp app) {
        return new ShippedProperties(app, Path.of("..", "config", app.name() + ".properties"));
    }

    /** Loads through the production config path without error, creates topics, and sets no unknown Kafka key. */
    public void loads() {
        ConfiguredApp configured = ConfiguredApp.load(app, file, Map.of(), List.of());
        assertThat(configured.config().get(CommonSettings.TOPICS_CREATE)).as("local configs create topics").isTrue();
        assertThat(configured.unrecognizedKafkaKeys()).isEmpty();
    }

    /** Has a line {@code key=...} or {@code #key=...} for every setting of the app. */
    public void listsEveryKey() {
        List<String> lines = lines();
        for (Setting<?> setting : ConfiguredApp.settingsOf(app)) {
            assertThat(lines).as("a line setting or showing %s", setting.key())
                    .anyMatch(line -> line.startsWith(setting.key() + "=") || line.startsWith("#" + setting.key() + "="));
        }
    }

    /** Shows each commented-out key with its built-in default (the app's, if it has one), so uncommenting a line changes nothing. */
    public void showsTheDefaults() {
        List<Setting<?>> settings = ConfiguredApp.settingsOf(app);
        for (String line : lines()) {
            if (!line.matches("#[a-z][a-z.-]*=.*")) {
                continue;
            }
            String key = line.substring(1, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            settings.stream()
                    .filter(setting -> setting.key().equals(key))
                    .findFirst()
                    .ifPresent(setting -> assertThat((Object) setting.parse(value)).as(key)
                            .isEqualTo(defaultOf(setting)));
        }
    }

    /** The app's own default where it supplies one (such as its {@code http.port}), else the setting's. */
    private Object defaultOf(Setting<?> setting) {
        String appDefault = app.defaults().get(setting.key());
        return appDefault == null ? setting.defaultValue() : setting.parse(appDefault);
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
