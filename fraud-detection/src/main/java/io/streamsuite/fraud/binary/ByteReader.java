package io.streamsuite.fraud.binary;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote. Every length is checked against the bytes that are left before anything is
 * allocated, so a corrupt value fails with a {@link MalformedValueException} naming the position, never with a huge
 * allocation.
 */
final class ByteReader {

    private final byte[] bytes;
    private int position;

    ByteReader(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    int readByte() {
        need(1, "a byte");
        return bytes[position++] & 0xFF;
    }

    long readUnsignedVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedValueException("a varint longer than 10 bytes ends at byte " + position);
    }

    long readSignedVarLong() {
        long zigZag = readUnsignedVarLong();
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    /** A count or a length, which must fit in what is left of the value: each counted item takes a byte at least. */
    int readCount(String what) {
        long count = readUnsignedVarLong();
        if (count > bytes.length - position) {
            throw new MalformedValueException(what + " of " + count + " at byte " + position + " exceeds the "
                    + (bytes.length - position) + " bytes left");
        }
        return (int) count;
    }

    double readDouble() {
        need(8, "a double");
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[position++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString() {
        int length = readCount("a string length");
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Refuses bytes after the end of the value: they mean a layout this reader does not know. */
    void expectEnd() {
        if (position != bytes.length) {
            throw new MalformedValueException((bytes.length - position) + " unexpected bytes after the value, at byte "
                    + position);
        }
    }

    private void need(int count, String what) {
        if (bytes.length - position < count) {
            throw new MalformedValueException("the value ends at byte " + bytes.length + " where " + what
                    + " was expected");
        }
    }
}
