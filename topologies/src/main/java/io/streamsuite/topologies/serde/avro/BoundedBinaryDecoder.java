package io.streamsuite.topologies.serde.avro;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary read from one byte array, where every length the data declares is checked against the bytes left before
 * anything is allocated. Avro's own decoder allocates what a string, a byte array or a collection claims (up to about
 * 2 GiB, {@code org.apache.avro.limits.*}) and only then finds the data short: a 12-byte record claiming a 2 GiB string
 * is an {@code OutOfMemoryError}. Here it is an {@link EOFException}, so the record is a dead letter.
 *
 * <p>A block of a collection may not claim more items than there are bytes left: every item of the suite's schemas
 * takes at least one byte, so allocating for the claimed count costs at most a few times the record's size.
 */
final class BoundedBinaryDecoder extends Decoder {

    private final byte[] data;
    private int pos;
    private final int limit;

    BoundedBinaryDecoder(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** True when every byte has been read. */
    boolean isEnd() {
        return pos == limit;
    }

    private int remaining() {
        return limit - pos;
    }

    /** A declared length as an int, if the data holds that many bytes after it. */
    private int checkedLength(long declared, String what) throws IOException {
        if (declared < 0) {
            throw new AvroRuntimeException("Negative " + what + " length " + declared);
        }
        if (declared > remaining()) {
            throw new EOFException(what + " of " + declared + " bytes declared, but only " + remaining() + " left");
        }
        return (int) declared;
    }

    private long checkedCount(long declared) throws IOException {
        if (declared > remaining()) {
            throw new EOFException("a block of " + declared + " items declared, but only " + remaining() + " bytes left");
        }
        return declared;
    }

    /** Separate from the length's reading: {@code pos += read()} would add to the position from before the read. */
    private void skip(int bytes) {
        pos += bytes;
    }

    private byte next() throws IOException {
        if (pos >= limit) {
            throw new EOFException("the data ends early");
        }
        return data[pos++];
    }

    @Override
    public void readNull() {
        // null takes no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        byte b = next();
        if (b != 0 && b != 1) {
            throw new AvroRuntimeException("Invalid boolean byte " + b);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new AvroRuntimeException("Invalid int encoding");
        }
        return (int) value;
    }

    /** Zig-zag varint of at most 10 bytes. */
    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new AvroRuntimeException("Invalid long encoding");
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(littleEndian(4).intValue());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(littleEndian(8));
    }

    private Long littleEndian(int bytes) throws IOException {
        checkedLength(bytes, "a number");
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) (data[pos++] & 0xff) << (8 * i);
        }
        return value;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength(readLong(), "a string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(data, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = checkedLength(readLong(), "a string");
        String result = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        skip(checkedLength(readLong(), "a string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength(readLong(), "a byte array");
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        result.put(data, pos, length).flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        skip(checkedLength(readLong(), "a byte array"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        checkedLength(length, "a fixed");
        System.arraycopy(data, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        skip(checkedLength(length, "a fixed"));
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    /**
     * The item count of the next block; a negative count is followed by the block's size in bytes (which lets a
     * reader skip it), read and checked here.
     */
    private long blockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new AvroRuntimeException("Invalid block count");
            }
            count = -count;
            checkedLength(readLong(), "a block");
        }
        return checkedCount(count);
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks();
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks();
    }

    /** Skips the blocks that state their size; returns the count of the first that does not (0 at the end). */
    private long skipBlocks() throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                return checkedCount(count);
            }
            skip(checkedLength(readLong(), "a block"));
        }
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }
}
