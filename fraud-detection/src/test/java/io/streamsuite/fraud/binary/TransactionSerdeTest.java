package io.streamsuite.fraud.binary;

import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.serde.JsonSerde;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class TransactionSerdeTest {

    private static final String TOPIC = "fraud-detection-fraud-by-card-repartition";

    private final TransactionSerde serde = new TransactionSerde();

    private byte[] encode(Transaction tx) {
        return serde.serializer().serialize(TOPIC, tx);
    }

    private Transaction decode(byte[] bytes) {
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    @Test
    void roundTripsEveryField() {
        Transaction full = new Transaction("tx-1", "card-1", "acct-1", "cust-1", "m-1", "5411", "FR", "POS", 12.34,
                "EUR", 48.8566, 2.3522, 1_767_225_600_000L);

        assertThat(decode(encode(full))).isEqualTo(full);
    }

    @Test
    void roundTripsMissingFieldsAsMissingAndTextBeyondAscii() {
        Transaction sparse = new Transaction("tx-é€😀", "c", null, null, "m", null, null, null, 0.0, "EUR", null,
                null, null);

        assertThat(decode(encode(sparse))).isEqualTo(sparse);
    }

    @Test
    void pinsLayoutVersionOne() {
        Transaction tx = new Transaction("t", "c", null, null, null, null, null, null, 1.5, "EUR", null, null, 5L);

        String expected = String.join("",
                "01",                   // layout version
                "8326",                 // fields present: 0, 1, 8, 9, 12 (bits 0x1303)
                "0174", "0163",         // transactionId "t", cardId "c"
                "3ff8000000000000",     // amount 1.5
                "03455552",             // currency "EUR"
                "0a");                  // timestamp 5, zig-zag
        assertThat(HexFormat.of().formatHex(encode(tx))).isEqualTo(expected);
        assertThat(decode(HexFormat.of().parseHex(expected))).isEqualTo(tx);
    }

    @Test
    void readsTheJsonThatEarlierReleasesLeftInTheTopic() {
        Transaction tx = aTransaction().id("old").build();
        byte[] json = JsonSerde.of(Transaction.class).serializer().serialize(TOPIC, tx);

        assertThat(decode(json)).isEqualTo(tx);
    }

    @Test
    void refusesAnUnknownLayoutVersionAndFieldsItDoesNotKnow() {
        assertThatThrownBy(() -> decode(new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("binary layout version 9, and this release reads version 1");
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("018040")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("more than the 13 fields of a transaction");
    }
}
