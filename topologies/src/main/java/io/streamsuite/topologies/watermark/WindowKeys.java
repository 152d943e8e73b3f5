package io.streamsuite.topologies.watermark;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store keys of windowed aggregates ordered by window end, so that the windows to close are a prefix of the store:
 * {@code end, start} (8 bytes each, big-endian with the sign bit flipped so that byte order is numeric order), then
 * the key's bytes. Keys shorter than {@link #PREFIX} are the processors' own bookkeeping and sort first.
 */
final class WindowKeys {

    static final int PREFIX = 16;
    /** The bookkeeping entry of a store. */
    static final Bytes META = Bytes.wrap(new byte[0]);

    private WindowKeys() {
    }

    static Bytes of(long end, long start, byte[] key) {
        return Bytes.wrap(ByteBuffer.allocate(PREFIX + key.length).putLong(end ^ Long.MIN_VALUE)
                .putLong(start ^ Long.MIN_VALUE).put(key).array());
    }

    static boolean isWindow(Bytes key) {
        return key.get().length >= PREFIX;
    }

    static long end(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong(0) ^ Long.MIN_VALUE;
    }

    static long start(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong(8) ^ Long.MIN_VALUE;
    }

    static byte[] key(Bytes key) {
        return Arrays.copyOfRange(key.get(), PREFIX, key.get().length);
    }
}
