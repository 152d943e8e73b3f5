package io.streamsuite.fraud;

import io.streamsuite.topologies.config.Setting;
import java.util.Map;

/** Settings as a properties file would give them: raw text parsed by each setting, defaults for the rest. */
final class Properties {

    private Properties() {
    }

    static SettingLookup of(Map<String, String> raw) {
        return new SettingLookup() {
            @Override
            public <T> T get(Setting<T> setting) {
                String value = raw.get(setting.key());
                return value == null ? setting.defaultValue() : setting.parse(value);
            }
        };
    }
}
