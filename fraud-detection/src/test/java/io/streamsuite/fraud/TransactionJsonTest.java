package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.topologies.serde.EventTime;
import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class TransactionJsonTest {

    private final Serde<Transaction> serde = JsonSerde.of(Transaction.class);

    private Transaction decode(String json) {
        return serde.deserializer().deserialize("transactions", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheContractFieldsAndIgnoresUnknownOnes() {
        Transaction tx = decode("""
                {"transactionId":"t-1","cardId":"c-1","accountId":"a-1","customerId":"u-1","merchantId":"m-1",
                 "merchantCategory":"5812","country":"FR","channel":"POS","amount":12.5,"currency":"EUR",
                 "latitude":48.85,"longitude":2.35,"timestamp":1763719200000,"loyaltyTier":"gold"}""");

        assertThat(tx).isEqualTo(new Transaction("t-1", "c-1", "a-1", "u-1", "m-1", "5812", "FR", "POS", 12.5, "EUR",
                48.85, 2.35, 1763719200000L));
        assertThat(tx.hasLocation()).isTrue();
        assertThat(((EventTime) tx).timestamp()).isEqualTo(1763719200000L);
    }

    @Test
    void acceptsAnIsoTimestamp() {
        assertThat(decode("{\"timestamp\":\"2025-11-21T10:00:00.250+01:00\"}").timestamp())
                .isEqualTo(1763715600250L);
    }

    @Test
    void refusesAnAmountWrittenAsAString() {
        assertThatThrownBy(() -> decode("{\"amount\":\"12.5\"}")).isInstanceOf(SerializationException.class);
    }

    @Test
    void roundTripsWithoutHelperFields() {
        Transaction tx = TransactionBuilder.aTransaction().at(1.0, 2.0).build();

        byte[] json = serde.serializer().serialize("transactions", tx);

        assertThat(serde.deserializer().deserialize("transactions", json)).isEqualTo(tx);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("hasLocation", "location\"");
    }

    @Test
    void locationNeedsBothCoordinates() {
        assertThat(decode("{\"latitude\":1.0}").hasLocation()).isFalse();
        assertThat(decode("{\"longitude\":1.0}").hasLocation()).isFalse();
    }
}
