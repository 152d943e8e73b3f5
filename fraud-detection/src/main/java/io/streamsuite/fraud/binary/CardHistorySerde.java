package io.streamsuite.fraud.binary;

import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.PastTransaction;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.topologies.windowing.RunningStats;
import java.util.ArrayList;
import java.util.List;

/**
 * A card's history in the {@code fraud-card-history} store and its changelog, read and written once per transaction
 * of the card, so it is binary: no number is parsed or formatted as text, and the value is about half its JSON size.
 *
 * <p>Layout version 1, after the version byte (varint: unsigned LEB128; double: 8 bytes IEEE 754, big-endian;
 * string: varint byte count, UTF-8):
 * <pre>
 * varint  amounts.count        double amounts.mean, amounts.m2, amounts.min, amounts.max
 * byte    recent alerts n      n bytes: the rules of each alert, bit i set for RULE_BITS[i], oldest alert first
 * varint  transactions m       m times: string transactionId, varint time (the first one epoch ms, each later one
 *                              the gap to the one before: the list is sorted), double amount,
 *                              byte flags (bit 0: located), and if located double latitude, double longitude
 * byte    0 no last located transaction, 1 one follows: string transactionId, varint time, double amount,
 *                              double latitude, double longitude
 * </pre>
 */
public final class CardHistorySerde extends VersionedBinarySerde<CardHistory> {

    /**
     * The rule of each bit of an alert's byte. Only ever appended to: the bits are the layout, whatever order
     * {@link RuleName} declares its constants in.
     */
    static final List<RuleName> RULE_BITS = List.of(RuleName.VELOCITY, RuleName.AMOUNT_SPIKE,
            RuleName.IMPOSSIBLE_TRAVEL, RuleName.BLOCKLISTED_MERCHANT, RuleName.BLOCKLISTED_CARD, RuleName.CARD_TESTING);

    private static final int LOCATED = 1;

    public CardHistorySerde() {
        super("card history", CardHistory.class);
    }

    @Override
    int expectedSize(CardHistory history) {
        return 64 + 72 * history.transactions().size();
    }

    @Override
    void write(CardHistory history, ByteWriter out) {
        RunningStats amounts = history.amounts();
        out.writeUnsignedVarLong(amounts.count());
        out.writeDouble(amounts.mean());
        out.writeDouble(amounts.m2());
        out.writeDouble(amounts.min());
        out.writeDouble(amounts.max());

        List<List<String>> alerts = history.recentAlerts();
        out.writeByte(alerts.size());
        for (List<String> rules : alerts) {
            out.writeByte(ruleBits(rules));
        }

        List<PastTransaction> transactions = history.transactions();
        out.writeUnsignedVarLong(transactions.size());
        long previous = 0;
        for (PastTransaction tx : transactions) {
            out.writeString(tx.transactionId());
            out.writeUnsignedVarLong(tx.time() - previous);
            previous = tx.time();
            out.writeDouble(tx.amount());
            out.writeByte(tx.hasLocation() ? LOCATED : 0);
            if (tx.hasLocation()) {
                out.writeDouble(tx.latitude());
                out.writeDouble(tx.longitude());
            }
        }

        PastTransaction located = history.lastLocated();
        out.writeByte(located == null ? 0 : 1);
        if (located != null) {
            out.writeString(located.transactionId());
            out.writeUnsignedVarLong(located.time());
            out.writeDouble(located.amount());
            out.writeDouble(located.latitude());
            out.writeDouble(located.longitude());
        }
    }

    @Override
    CardHistory read(ByteReader in) {
        RunningStats amounts = new RunningStats(in.readUnsignedVarLong(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble());

        int alertCount = in.readCount("an alert count");
        List<List<String>> alerts = new ArrayList<>(alertCount);
        for (int i = 0; i < alertCount; i++) {
            alerts.add(ruleNames(in.readByte()));
        }

        int count = in.readCount("a transaction count");
        List<PastTransaction> transactions = new ArrayList<>(count);
        long time = 0;
        for (int i = 0; i < count; i++) {
            String id = in.readString();
            time += in.readUnsignedVarLong();
            double amount = in.readDouble();
            int flags = in.readByte();
            if ((flags & ~LOCATED) != 0) {
                throw new MalformedValueException("unknown transaction flags " + flags);
            }
            Double latitude = null;
            Double longitude = null;
            if (flags == LOCATED) {
                latitude = in.readDouble();
                longitude = in.readDouble();
            }
            transactions.add(new PastTransaction(id, time, amount, latitude, longitude));
        }

        PastTransaction located = switch (in.readByte()) {
            case 0 -> null;
            case 1 -> new PastTransaction(in.readString(), in.readUnsignedVarLong(), in.readDouble(), in.readDouble(),
                    in.readDouble());
            default -> throw new MalformedValueException("the last located transaction's marker is neither 0 nor 1");
        };
        return new CardHistory(transactions, located, amounts, alerts);
    }

    private static int ruleBits(List<String> rules) {
        int bits = 0;
        for (String rule : rules) {
            int bit = RuleName.parse(rule).map(RULE_BITS::indexOf).orElse(-1);
            if (bit < 0) {
                // the evaluator only ever records rule names: anything else is a bug, not data
                throw new IllegalStateException("An alert of a card history names an unknown rule: " + rule);
            }
            bits |= 1 << bit;
        }
        return bits;
    }

    private static List<String> ruleNames(int bits) {
        if (bits >>> RULE_BITS.size() != 0) {
            throw new MalformedValueException("an alert has rule bits " + Integer.toBinaryString(bits)
                    + " beyond the " + RULE_BITS.size() + " rules this release knows");
        }
        List<String> names = new ArrayList<>(2);
        for (int bit = 0; bit < RULE_BITS.size(); bit++) {
            if ((bits & 1 << bit) != 0) {
                names.add(RULE_BITS.get(bit).name());
            }
        }
        return names;
    }
}
