package io.streamsuite.fraud.binary;

import io.streamsuite.topologies.serde.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary layout for what the app keeps to itself (a store, a repartition topic): the first byte is the
 * layout's version, so that a later release can change the layout and still read this one.
 *
 * <p>Values of earlier releases, which wrote JSON, start with {@code '{'} (never a version byte) and are still read,
 * so an upgrade needs no reset: each is rewritten in the binary layout the next time it is written. A version this
 * release does not know (written by a newer release) is refused with a message saying what to do, never guessed at.
 *
 * @param <T> the value
 */
abstract class VersionedBinarySerde<T> implements Serde<T> {

    /** The version this release writes. Version {@code '{'} (0x7B) can never be used: it marks JSON. */
    static final int VERSION = 1;
    private static final int JSON_START = '{';

    private final String what;
    private final Deserializer<T> legacyJson;

    /**
     * @param what   names the values in messages, e.g. {@code "card history"}
     * @param type   the value type, read from JSON when a value was written by a release before the binary layout
     */
    VersionedBinarySerde(String what, Class<T> type) {
        this.what = what;
        this.legacyJson = JsonSerde.of(type).deserializer();
    }

    /** Writes everything after the version byte. */
    abstract void write(T value, ByteWriter out);

    /** Reads everything after the version byte. */
    abstract T read(ByteReader in);

    /** A guess at the encoded size, to allocate once in the common case. */
    abstract int expectedSize(T value);

    @Override
    public final Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public final Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : decode(topic, data);
    }

    final byte[] encode(T value) {
        ByteWriter out = new ByteWriter(expectedSize(value));
        out.writeByte(VERSION);
        write(value, out);
        return out.toByteArray();
    }

    final T decode(String topic, byte[] data) {
        if (data.length == 0) {
            throw new SerializationException("Cannot decode a " + what + " from " + topic + ": the value is empty");
        }
        int version = data[0] & 0xFF;
        if (version == JSON_START) {
            return legacyJson.deserialize(topic, data);
        }
        if (version != VERSION) {
            throw new SerializationException("Cannot decode a " + what + " from " + topic + ": it is in binary layout"
                    + " version " + version + ", and this release reads version " + VERSION + " and the JSON of"
                    + " earlier releases. A newer release wrote it: run that release again, or stop every instance and"
                    + " reset the app (--reset --yes) to rebuild its state from its input.");
        }
        try {
            ByteReader in = new ByteReader(data, 1);
            T value = read(in);
            in.expectEnd();
            return value;
        } catch (MalformedValueException | IllegalArgumentException e) {
            throw new SerializationException("Cannot decode a " + what + " from " + topic + " (binary layout version "
                    + VERSION + "): " + e.getMessage(), e);
        }
    }
}
