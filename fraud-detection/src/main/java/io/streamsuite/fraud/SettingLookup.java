package io.streamsuite.fraud;

import io.streamsuite.topologies.config.Setting;

/**
 * Where rule parameters come from. The app passes {@code context::get}; tests pass {@code Setting::defaultValue}.
 * It is an interface of its own because a {@code Function} cannot keep the value type tied to the setting's.
 */
@FunctionalInterface
public interface SettingLookup {

    /** The value in force for a setting. */
    <T> T get(Setting<T> setting);
}
