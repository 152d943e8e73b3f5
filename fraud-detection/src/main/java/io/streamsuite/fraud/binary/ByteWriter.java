package io.streamsuite.fraud.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the primitives of the app's binary layouts to a growing array: unsigned varints (7 bits a byte, least
 * significant group first, as Protocol Buffers and Kafka's own record format write them), doubles as their 8 IEEE 754
 * bytes big-endian (exact, whatever the value), and strings as a varint byte count and their UTF-8 bytes.
 */
final class ByteWriter {

    private byte[] bytes;
    private int size;

    ByteWriter(int expectedSize) {
        this.bytes = new byte[Math.max(16, expectedSize)];
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** A value that is never negative (counts, lengths, epoch milliseconds, gaps between sorted times). */
    void writeUnsignedVarLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("expected a value of at least 0, got " + value);
        }
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** A value of either sign, zig-zag encoded so that small negative numbers stay short too. */
    void writeSignedVarLong(long value) {
        writeUnsignedVarLong((value << 1) ^ (value >> 63));
    }

    void writeDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (bits >>> shift);
        }
    }

    void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUnsignedVarLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
