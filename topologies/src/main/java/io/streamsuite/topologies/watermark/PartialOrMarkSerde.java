package io.streamsuite.topologies.watermark;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link PartialOrMark}: a tag byte, then {@code windowStart, windowEnd} (8 bytes each) and the
 * aggregate in its own serde, or {@code source} (4 bytes), {@code time} (8 bytes) and the idle flag (1 byte).
 */
public final class PartialOrMarkSerde<V> implements Serde<PartialOrMark<V>> {

    private static final byte PARTIAL = 0;
    private static final byte MARK = 1;
    private static final int MARK_SIZE = 1 + 4 + 8 + 1;
    private static final int PARTIAL_HEADER = 1 + 8 + 8;

    private final Serde<V> aggregate;

    public PartialOrMarkSerde(Serde<V> aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public Serializer<PartialOrMark<V>> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            if (value instanceof PartialOrMark.Mark<V> mark) {
                return ByteBuffer.allocate(MARK_SIZE).put(MARK).putInt(mark.source()).putLong(mark.time())
                        .put((byte) (mark.idle() ? 1 : 0)).array();
            }
            PartialOrMark.Partial<V> partial = (PartialOrMark.Partial<V>) value;
            byte[] body = aggregate.serializer().serialize(topic, partial.value());
            return ByteBuffer.allocate(PARTIAL_HEADER + body.length).put(PARTIAL).putLong(partial.windowStart())
                    .putLong(partial.windowEnd()).put(body).array();
        };
    }

    @Override
    public Deserializer<PartialOrMark<V>> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length == MARK_SIZE && bytes[0] == MARK) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, MARK_SIZE - 1);
                return PartialOrMark.mark(buffer.getInt(), buffer.getLong(), buffer.get() != 0);
            }
            if (bytes.length >= PARTIAL_HEADER && bytes[0] == PARTIAL) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, PARTIAL_HEADER - 1);
                long start = buffer.getLong();
                long end = buffer.getLong();
                V value = aggregate.deserializer().deserialize(topic,
                        Arrays.copyOfRange(bytes, PARTIAL_HEADER, bytes.length));
                return PartialOrMark.partial(start, end, value);
            }
            throw new SerializationException("Not a partial or a mark on " + topic + ": " + bytes.length + " bytes");
        };
    }
}
