package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamsuite.topologies.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CardHistoryTest {

    private static final Duration RETENTION = Duration.ofMinutes(15);
    private static final long MINUTE = 60_000;

    private final Serde<CardHistory> serde = JsonSerde.of(CardHistory.class);

    private static CardHistory record(CardHistory history, Transaction tx) {
        return history.record(tx, RETENTION, 3, 1000);
    }

    private static Transaction at(String id, long millisAfterT0) {
        return aTransaction().id(id).at(T0 + millisAfterT0).build();
    }

    private static List<String> ids(CardHistory history) {
        return history.transactions().stream().map(PastTransaction::transactionId).toList();
    }

    @Test
    void keepsTransactionsInEventTimeOrderWhateverTheArrivalOrder() {
        CardHistory history = CardHistory.empty();
        for (Transaction tx : List.of(at("b", 2_000), at("d", 4_000), at("a", 1_000), at("c", 3_000))) {
            history = record(history, tx);
        }

        assertThat(ids(history)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aCardOverTheCapKeepsOnlyItsNewestTransactionsWhateverTheRetentionAndTheLastFew() {
        CardHistory history = CardHistory.empty();
        for (int i = 0; i < 8; i++) {
            history = history.record(at("t" + i, i * 1_000L), RETENTION, 6, 4);
        }
        // late, and now the oldest of the five: the one forgotten
        CardHistory late = history.record(at("late", 500), RETENTION, 6, 4);

        assertThat(ids(history)).containsExactly("t4", "t5", "t6", "t7");
        assertThat(history.transactionCount()).as("the lifetime count still counts every one").isEqualTo(8);
        assertThat(ids(late)).containsExactly("t4", "t5", "t6", "t7");
        assertThat(late.transactionCount()).isEqualTo(9);
        assertThat(ids(history.record(at("t8", 8_000), RETENTION, 6, 4))).containsExactly("t5", "t6", "t7", "t8");
    }

    @Test
    void refusesACapBelowOne() {
        assertThatThrownBy(() -> CardHistory.empty().record(at("x", 0), RETENTION, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKept");
    }

    @Test
    void equalEventTimesKeepTheirArrivalOrder() {
        CardHistory history = CardHistory.empty();
        for (Transaction tx : List.of(at("first", 1_000), at("later", 2_000), at("second", 1_000))) {
            history = record(history, tx);
        }

        assertThat(ids(history)).containsExactly("first", "second", "later");
    }

    @Test
    void evictsTransactionsOlderThanTheRetentionButKeepsTheLastFew() {
        CardHistory history = CardHistory.empty();
        for (int i = 0; i < 10; i++) {
            history = record(history, at("t" + i, i * MINUTE));
        }
        history = record(history, at("late-and-old", 0));
        history = record(history, at("far-later", 100 * MINUTE));

        // at 100 min only the three kept regardless of age survive: t8, t9 and the new one
        assertThat(ids(history)).containsExactly("t8", "t9", "far-later");
    }

    @Test
    void keepsEverythingWithinTheRetentionOfTheNewest() {
        CardHistory history = CardHistory.empty();
        for (int i = 0; i <= 20; i++) {
            history = record(history, at("t" + i, i * MINUTE));
        }

        // newest at 20 min, retention 15 min: t5 at exactly the cutoff stays, t4 goes
        assertThat(ids(history)).first().isEqualTo("t5");
        assertThat(history.transactions()).hasSize(16);
    }

    @Test
    void stateStaysBoundedOverManyTransactionsAcrossDays() {
        FraudRules rules = FraudRules.defaults();
        CardHistory history = CardHistory.empty();
        int maxKept = 0;
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            // one every 30 s for about 3.5 days, every tenth a little out of order
            long time = T0 + i * 30_000L - (i % 10 == 0 ? 45_000 : 0);
            double amount = 10 + i % 7;
            sum += amount;
            Transaction tx = aTransaction().amount(amount).at(time).at(48.0 + i % 3, 2.0).build();
            history = history.record(tx, rules.retention(), rules.amountsKept(), rules.historyCap());
            maxKept = Math.max(maxKept, history.transactions().size());
        }

        // 15 min of retention at two transactions a minute, plus the one being added
        assertThat(maxKept).isBetween(20, 32);
        assertThat(history.transactionCount()).isEqualTo(10_000);
        assertThat(history.meanAmount()).isCloseTo(sum / 10_000, within(1e-9));
        assertThat(history.latestTime()).hasValue(T0 + 9_999 * 30_000L);
        assertThat(serde.serializer().serialize("t", history).length).isLessThan(8_000);
    }

    @Test
    void lastLocatedIsTheLatestByEventTimeAndOutlivesTheRetention() {
        Transaction paris = aTransaction().id("paris").at(48.8566, 2.3522).at(T0).build();
        Transaction londonEarlier = aTransaction().id("london").at(51.5074, -0.1278).at(T0 - MINUTE).build();
        CardHistory history = record(record(CardHistory.empty(), paris), londonEarlier);
        for (int i = 1; i <= 10; i++) {
            history = record(history, at("online" + i, i * 10 * MINUTE));
        }

        assertThat(history.lastLocated().transactionId()).isEqualTo("paris");
        assertThat(ids(history)).doesNotContain("paris");
        assertThat(history.lastLocatedAtOrBefore(T0 + 1000 * MINUTE)).map(PastTransaction::transactionId)
                .contains("paris");
    }

    @Test
    void lastLocatedAtOrBeforeALateTimeSearchesTheKeptTransactions() {
        CardHistory history = CardHistory.empty();
        history = record(history, aTransaction().id("early").at(1.0, 1.0).at(T0).build());
        history = record(history, at("unlocated", MINUTE));
        history = record(history, aTransaction().id("newest").at(2.0, 2.0).at(T0 + 5 * MINUTE).build());

        assertThat(history.lastLocatedAtOrBefore(T0 + 2 * MINUTE)).map(PastTransaction::transactionId)
                .contains("early");
        assertThat(history.lastLocatedAtOrBefore(T0 - 1)).isEmpty();
    }

    @Test
    void countsWithinAnInclusiveSpan() {
        CardHistory history = CardHistory.empty();
        history = record(history, aTransaction().amount(1.0).at(T0).build());
        history = record(history, aTransaction().amount(50.0).at(T0 + 1_000).build());
        history = record(history, aTransaction().amount(1.5).at(T0 + 2_000).build());
        history = record(history, aTransaction().amount(1.0).at(T0 + 3_000).build());

        assertThat(history.countBetween(T0, T0 + 2_000)).isEqualTo(3);
        assertThat(history.countBetween(T0 + 1, T0 + 2_000)).isEqualTo(2);
        assertThat(history.countBelowBetween(2.0, T0, T0 + 2_000)).isEqualTo(2);
        assertThat(history.countBelowBetween(2.0, T0, T0 + 3_000)).isEqualTo(3);
    }

    @Test
    void amountsBeforeATimeAverageTheLatestOfThem() {
        CardHistory history = CardHistory.empty();
        double[] amounts = {100, 10, 20, 30, 999};
        for (int i = 0; i < amounts.length; i++) {
            history = record(history, aTransaction().amount(amounts[i]).at(T0 + i * 1_000L).build());
        }

        assertThat(history.amountsAtOrBefore(T0 + 3_000, 3)).isEqualTo(new PreviousAmounts(4, 3, 20.0));
        assertThat(history.amountsAtOrBefore(T0 + 3_000, 10)).isEqualTo(new PreviousAmounts(4, 4, 40.0));
        assertThat(history.amountsAtOrBefore(T0 - 1, 3)).isEqualTo(new PreviousAmounts(0, 0, 0.0));
    }

    @Test
    void profileRemembersTheLastFiveAlerts() {
        CardHistory history = CardHistory.empty();
        for (int i = 1; i <= 7; i++) {
            history = history.withAlert(List.of("RULE" + i));
        }

        assertThat(history.recentAlerts()).containsExactly(
                List.of("RULE3"), List.of("RULE4"), List.of("RULE5"), List.of("RULE6"), List.of("RULE7"));
    }

    @Test
    void lateness() {
        CardHistory history = record(CardHistory.empty(), at("newest", 10 * MINUTE));

        assertThat(history.isLate(T0 + 5 * MINUTE, Duration.ofMinutes(5))).isFalse();
        assertThat(history.isLate(T0 + 5 * MINUTE - 1, Duration.ofMinutes(5))).isTrue();
        assertThat(CardHistory.empty().isLate(0, Duration.ZERO)).isFalse();
    }

    @Test
    void roundTripsThroughJson() {
        CardHistory history = CardHistory.empty();
        history = record(history, aTransaction().id("p").amount(12.5).at(48.8566, 2.3522).at(T0).build());
        history = record(history, aTransaction().id("o").amount(0.99).at(T0 + MINUTE).build());
        history = history.withAlert(List.of("VELOCITY", "CARD_TESTING"));

        byte[] json = serde.serializer().serialize("t", history);
        CardHistory back = serde.deserializer().deserialize("t", json);

        assertThat(back).isEqualTo(history);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"transactionId\":\"p\"")
                .doesNotContain("transactionCount", "meanAmount", "latestTime");
    }

    @Test
    void emptyHistoryRoundTripsThroughJson() {
        byte[] json = serde.serializer().serialize("t", CardHistory.empty());

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(CardHistory.empty());
    }

    @Test
    void decodedHistoryIsImmutableAndFillsMissingFields() {
        String json = "{\"recentAlerts\":[[\"VELOCITY\"]]}";
        CardHistory decoded = serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.transactions()).isEmpty();
        assertThat(decoded.transactionCount()).isZero();
        assertThatThrownBy(() -> decoded.recentAlerts().get(0).add("X"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesANegativeRetention() {
        assertThatThrownBy(() -> CardHistory.empty().record(at("x", 0), Duration.ofSeconds(-1), 3, 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
