package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.Setting;
import java.util.Objects;

/**
 * A topic an app reads or writes, by its contract name. The actual name comes from the setting
 * {@code topic.<name>} (default: the contract name), so deployments can rename topics without code changes.
 *
 * @param name      the contract name, e.g. {@code transactions}
 * @param input     whether the app consumes it (an input is what a reset rewinds)
 * @param compacted whether it is a changelog-like table topic ({@code cleanup.policy=compact})
 * @param doc       what flows through it, for the README and {@code --help}
 */
public record TopicDef(String name, boolean input, boolean compacted, String doc) {

    public TopicDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
    }

    /** An event stream the app consumes. */
    public static TopicDef input(String name, String doc) {
        return new TopicDef(name, true, false, doc);
    }

    /** A compacted topic the app reads as a table (reference data, rules, registries). */
    public static TopicDef table(String name, String doc) {
        return new TopicDef(name, true, true, doc);
    }

    /** A topic the app produces to. */
    public static TopicDef output(String name, String doc) {
        return new TopicDef(name, false, false, doc);
    }

    /** The setting that renames this topic. */
    public Setting<String> nameSetting() {
        return Setting.string("topic." + name, name, "Name of the " + name + " topic (" + doc + ").");
    }
}
