package io.streamsuite.fraud;

import io.streamsuite.topologies.config.Setting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a fixed set of settings, copied once, so that rule configurations can be rebuilt later (after a
 * run-time override or its tombstone) without holding on to the app's configuration.
 */
final class SettingSnapshot implements SettingLookup {

    private final Map<String, Object> values;

    private SettingSnapshot(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    static SettingSnapshot of(List<Setting<?>> settings, SettingLookup source) {
        Map<String, Object> values = new HashMap<>();
        for (Setting<?> setting : settings) {
            values.put(setting.key(), source.get(setting));
        }
        return new SettingSnapshot(values);
    }

    /** A copy with some values replaced, each produced by the parser of the setting its key names. */
    SettingSnapshot with(Map<String, Object> replacements) {
        Map<String, Object> merged = new HashMap<>(values);
        merged.putAll(replacements);
        return new SettingSnapshot(merged);
    }

    @Override
    @SuppressWarnings("unchecked") // every value was produced for the setting with the same key, so it has its type
    public <T> T get(Setting<T> setting) {
        Object value = values.get(setting.key());
        if (value == null) {
            throw new IllegalArgumentException("Not a fraud setting: " + setting.key());
        }
        return (T) value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingSnapshot other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
