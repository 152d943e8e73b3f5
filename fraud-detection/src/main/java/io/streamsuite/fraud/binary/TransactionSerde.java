package io.streamsuite.fraud.binary;

import io.streamsuite.fraud.Transaction;

/**
 * A validated transaction on the app's repartition topic ({@code <application.id>-fraud-by-card-repartition}),
 * which only this app reads.
 *
 * <p>Layout version 1, after the version byte: a varint whose bit i says that field i is present, then each present
 * field in the order of {@link Transaction}'s components: the ten strings (varint byte count, UTF-8), amount,
 * latitude and longitude (8 bytes IEEE 754 each, big-endian), timestamp (zig-zag varint).
 */
public final class TransactionSerde extends VersionedBinarySerde<Transaction> {

    private static final int FIELDS = 13;

    public TransactionSerde() {
        super("repartitioned transaction", Transaction.class);
    }

    @Override
    int expectedSize(Transaction tx) {
        return 160;
    }

    @Override
    void write(Transaction tx, ByteWriter out) {
        Object[] fields = fields(tx);
        long present = 0;
        for (int i = 0; i < FIELDS; i++) {
            if (fields[i] != null) {
                present |= 1L << i;
            }
        }
        out.writeUnsignedVarLong(present);
        for (Object field : fields) {
            if (field instanceof String text) {
                out.writeString(text);
            } else if (field instanceof Double number) {
                out.writeDouble(number);
            } else if (field instanceof Long time) {
                out.writeSignedVarLong(time);
            }
        }
    }

    @Override
    Transaction read(ByteReader in) {
        long present = in.readUnsignedVarLong();
        if (present >>> FIELDS != 0) {
            throw new MalformedValueException("field bits " + Long.toBinaryString(present) + " name more than the "
                    + FIELDS + " fields of a transaction");
        }
        return new Transaction(string(in, present, 0), string(in, present, 1), string(in, present, 2),
                string(in, present, 3), string(in, present, 4), string(in, present, 5), string(in, present, 6),
                string(in, present, 7), number(in, present, 8), string(in, present, 9), number(in, present, 10),
                number(in, present, 11), (present & 1L << 12) == 0 ? null : in.readSignedVarLong());
    }

    /** The components in declaration order; the layout's field numbers are these indices. */
    private static Object[] fields(Transaction tx) {
        return new Object[] {tx.transactionId(), tx.cardId(), tx.accountId(), tx.customerId(), tx.merchantId(),
                tx.merchantCategory(), tx.country(), tx.channel(), tx.amount(), tx.currency(), tx.latitude(),
                tx.longitude(), tx.timestamp()};
    }

    private static String string(ByteReader in, long present, int field) {
        return (present & 1L << field) == 0 ? null : in.readString();
    }

    private static Double number(ByteReader in, long present, int field) {
        return (present & 1L << field) == 0 ? null : in.readDouble();
    }
}
