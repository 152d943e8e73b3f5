package io.streamsuite.topologies.testing;

import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** The app configured from the file alone, through the production config path. */
    public ConfiguredApp load() {
        return ConfiguredApp.load(app, file, Map.of(), List.of());
    }

    /** The settings of the app with neither a line {@code key=...} nor {@code #key=...} in the file. */
    public List<String> undocumentedKeys() {
        List<String> lines = lines();
        return ConfiguredApp.settingsOf(app).stream()
                .map(Setting::key)
                .filter(key -> lines.stream().noneMatch(line -> line.startsWith(key + "=") || line.startsWith("#" + key + "=")))
                .toList();
    }

    /**
     * The commented-out lines {@code #key=value} whose value is not the key's built-in default (the app's, if it has
     * one): uncommenting such a line would change what the app does.
     */
    public List<String> commentedValuesThatAreNotTheDefault() {
        List<Setting<?>> settings = ConfiguredApp.settingsOf(app);
        List<String> wrong = new ArrayList<>();
        for (String line : lines()) {
            if (!line.matches("#[a-z][a-z.-]*=.*")) {
                continue;
            }
            String key = line.substring(1, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            settings.stream()
                    .filter(setting -> setting.key().equals(key))
                    .findFirst()
                    // "#key=" shows an optional key as not set, also one that refuses an empty value (http.auth.token)
                    .filter(setting -> !(value.isEmpty() && Optional.empty().equals(defaultOf(setting))))
                    .filter(setting -> !Objects.equals(setting.parse(value), defaultOf(setting)))
                    .ifPresent(setting -> wrong.add(line + " (default " + defaultOf(setting) + ")"));
        }
        return wrong;
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
