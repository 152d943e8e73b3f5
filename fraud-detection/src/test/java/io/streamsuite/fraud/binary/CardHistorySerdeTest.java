package io.streamsuite.fraud.binary;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.BlocklistView;
import io.streamsuite.fraud.FraudEvaluator;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.PastTransaction;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.windowing.RunningStats;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CardHistorySerdeTest {

    private static final String STORE = "fraud-card-history";

    private final CardHistorySerde serde = new CardHistorySerde();

    private byte[] encode(CardHistory history) {
        return serde.serializer().serialize(STORE, history);
    }

    private CardHistory decode(byte[] bytes) {
        return serde.deserializer().deserialize(STORE, bytes);
    }

    /** A card with located and unlocated payments, out-of-order arrivals, and alerts, as the evaluator builds it. */
    private static CardHistory busyCard() {
        FraudEvaluator evaluator = new FraudEvaluator();
        FraudRules rules = FraudRules.defaults();
        CardHistory history = CardHistory.empty();
        for (int i = 0; i < 30; i++) {
            var tx = aTransaction().id("tx-" + i).amount(i % 7 == 0 ? 0.5 : 12.34 * i).at(T0 + (i ^ 1) * 7_000L);
            if (i % 3 == 0) {
                tx = tx.at(48.8566 + i, 2.3522 - i);
            }
            history = evaluator.evaluate(tx.build(), history, rules, BlocklistView.EMPTY).history();
        }
        return history;
    }

    @Test
    void roundTripsAHistoryAsTheEvaluatorBuildsIt() {
        CardHistory history = busyCard();
        assertThat(history.recentAlerts()).as("the card alerted").isNotEmpty();
        assertThat(history.lastLocated()).isNotNull();

        assertThat(decode(encode(history))).isEqualTo(history);
    }

    @Test
    void roundTripsTheEmptyHistoryWithItsNaNBoundsAndEveryRuleInOneAlert() {
        assertThat(decode(encode(CardHistory.empty()))).isEqualTo(CardHistory.empty());

        List<String> everyRule = Arrays.stream(RuleName.values()).map(RuleName::name).toList();
        CardHistory alerted = CardHistory.empty().withAlert(everyRule).withAlert(List.of());
        assertThat(decode(encode(alerted)).recentAlerts()).containsExactly(everyRule, List.of());
    }

    @Test
    void isLessThanHalfTheJsonOfTheSameHistory() {
        CardHistory history = busyCard();
        byte[] json = JsonSerde.of(CardHistory.class).serializer().serialize(STORE, history);

        assertThat(encode(history).length).isLessThan(json.length / 2);
    }

    @Test
    void pinsLayoutVersionOne() {
        PastTransaction located = new PastTransaction("b", 1300, 10.0, 1.0, 2.0);
        CardHistory history = new CardHistory(List.of(new PastTransaction("a", 1000, 2.5, null, null), located),
                located, new RunningStats(2, 6.25, 28.125, 2.5, 10.0), List.of(List.of("VELOCITY", "CARD_TESTING")));

        String expected = String.join("",
                "01",                                       // layout version
                "02",                                       // amounts: count
                "4019000000000000", "403c200000000000",     // mean 6.25, m2 28.125
                "4004000000000000", "4024000000000000",     // min 2.5, max 10.0
                "01", "21",                                 // one alert: VELOCITY (bit 0) and CARD_TESTING (bit 5)
                "02",                                       // two transactions
                "0161", "e807", "4004000000000000", "00",   // "a", at 1000, 2.5, not located
                "0162", "ac02", "4024000000000000", "01",   // "b", 300 later, 10.0, located
                "3ff0000000000000", "4000000000000000",     // at 1.0, 2.0
                "01", "0162", "940a", "4024000000000000",   // last located: "b", at 1300, 10.0
                "3ff0000000000000", "4000000000000000");    // at 1.0, 2.0
        assertThat(HexFormat.of().formatHex(encode(history))).isEqualTo(expected);
        assertThat(decode(HexFormat.of().parseHex(expected))).isEqualTo(history);
    }

    @Test
    void readsTheJsonOfEarlierReleasesSoAnUpgradeNeedsNoReset() {
        CardHistory history = busyCard();
        byte[] json = JsonSerde.of(CardHistory.class).serializer().serialize(STORE, history);

        assertThat(decode(json)).isEqualTo(history);
    }

    @Test
    void refusesALayoutVersionItDoesNotKnowSayingWhatToDo() {
        byte[] newer = encode(busyCard());
        newer[0] = 2;

        assertThatThrownBy(() -> decode(newer))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot decode a card history from fraud-card-history: it is in binary layout version 2,"
                        + " and this release reads version 1 and the JSON of earlier releases. A newer release wrote"
                        + " it: run that release again, or stop every instance and reset the app (--reset --yes) to"
                        + " rebuild its state from its input.");
    }

    @Test
    void refusesTruncatedAndPaddedValuesAndLengthsBeyondTheValue() {
        byte[] whole = encode(busyCard());

        assertThatThrownBy(() -> decode(Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("binary layout version 1").hasMessageContaining("the value ends at byte");
        assertThatThrownBy(() -> decode(Arrays.copyOf(whole, whole.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("1 unexpected bytes after the value");
        // a transaction count of 2^31 in a 40-byte value: refused before anything is allocated for it
        byte[] huge = HexFormat.of().parseHex("0100" + "0000000000000000".repeat(4) + "00" + "8080808008");
        assertThatThrownBy(() -> decode(huge))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("a transaction count of 2147483648 at byte 40 exceeds the 0 bytes left");
        assertThatThrownBy(() -> decode(new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("the value is empty");
    }

    @Test
    void nullIsNullBothWays() {
        assertThat(encode(null)).isNull();
        assertThat(decode(null)).isNull();
    }

    @Test
    void anAlertNamingNoRuleIsABugNotData() {
        CardHistory odd = CardHistory.empty().withAlert(List.of("NOT_A_RULE"));

        assertThatThrownBy(() -> encode(odd)).isInstanceOf(IllegalStateException.class).hasMessageContaining("NOT_A_RULE");
    }

    @Test
    void everyRuleHasItsBit() {
        assertThat(CardHistorySerde.RULE_BITS).containsExactlyInAnyOrder(RuleName.values());
    }
}
