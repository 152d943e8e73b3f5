package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FraudEvaluatorTest {

    private final FraudEvaluator evaluator = new FraudEvaluator();
    private final FraudRules rules = FraudRules.defaults();

    private static Transaction small(long millisAfterT0) {
        return aTransaction().card("c-1").merchant("m-1").amount(1.00).at(T0 + millisAfterT0).build();
    }

    /** Feeds transactions in arrival order, as the topology does, and returns every evaluation. */
    private List<Evaluation> run(FraudRules in, BlocklistView blocklist, Transaction... transactions) {
        List<Evaluation> evaluations = new ArrayList<>();
        CardHistory history = CardHistory.empty();
        for (Transaction tx : transactions) {
            Evaluation evaluation = evaluator.evaluate(tx, history, in, blocklist);
            evaluations.add(evaluation);
            history = evaluation.history();
        }
        return evaluations;
    }

    private static Evaluation last(List<Evaluation> evaluations) {
        return evaluations.get(evaluations.size() - 1);
    }

    @Test
    void ordinaryTransactionFiresNothingAndIsRecorded() {
        Evaluation evaluation = evaluator.evaluate(aTransaction().amount(42.0).build(), CardHistory.empty(), rules,
                BlocklistView.EMPTY);

        assertThat(evaluation.flagged()).isFalse();
        assertThat(evaluation.fired()).isEmpty();
        assertThat(evaluation.reasons()).isEmpty();
        assertThat(evaluation.riskScore()).isZero();
        assertThat(evaluation.history().transactionCount()).isEqualTo(1);
        assertThat(evaluation.history().meanAmount()).isEqualTo(42.0);
        assertThat(evaluation.history().recentAlerts()).isEmpty();
    }

    @Test
    void severalRulesFireTogetherInRuleOrderWithACombinedScore() {
        BlocklistView blocklist = new MapBlocklist().card("c-1", "reported stolen");

        List<Evaluation> evaluations = run(rules, blocklist,
                small(0), small(1_000), small(2_000), small(3_000), small(4_000), small(5_000));

        Evaluation sixth = last(evaluations);
        assertThat(sixth.fired()).containsExactly(RuleName.VELOCITY, RuleName.BLOCKLISTED_CARD, RuleName.CARD_TESTING);
        assertThat(sixth.reasons()).containsExactly(
                "6 transactions within 60s (limit 5)",
                "card c-1 is blocklisted: reported stolen",
                "6 transactions below 2.00 within 10m");
        // 1 - (1 - 0.5)(1 - 0.9)(1 - 0.6) = 0.98
        assertThat(sixth.riskScore()).isEqualTo(98);
        assertThat(sixth.history().recentAlerts()).last()
                .isEqualTo(List.of("VELOCITY", "BLOCKLISTED_CARD", "CARD_TESTING"));
    }

    @Test
    void eachFlaggedTransactionLeavesItsAlertInTheProfile() {
        List<Evaluation> evaluations = run(rules, BlocklistView.EMPTY, small(0), small(1_000), small(2_000));

        assertThat(evaluations).extracting(Evaluation::flagged).containsExactly(false, false, true);
        assertThat(last(evaluations).fired()).containsExactly(RuleName.CARD_TESTING);
        assertThat(last(evaluations).riskScore()).isEqualTo(60);
        assertThat(last(evaluations).history().recentAlerts()).containsExactly(List.of("CARD_TESTING"));
        assertThat(last(evaluations).history().transactionCount()).isEqualTo(3);
    }

    @Test
    void blocklistMissFiresNothing() {
        BlocklistView blocklist = new MapBlocklist().card("c-2", "stolen").merchant("m-2", "skimmer");

        assertThat(evaluator.evaluate(small(0), CardHistory.empty(), rules, blocklist).flagged()).isFalse();
    }

    @Test
    void disabledRuleNeitherFiresNorIsConsulted() {
        FraudRules off = rules
                .withOverride(RuleName.BLOCKLISTED_CARD, false, Map.of())
                .withOverride(RuleName.BLOCKLISTED_MERCHANT, false, Map.of())
                .withOverride(RuleName.CARD_TESTING, false, Map.of());
        BlocklistView mustNotBeAsked = new BlocklistView() {
            @Override
            public Optional<String> merchantReason(String merchantId) {
                throw new AssertionError("blocklist asked for merchant " + merchantId);
            }

            @Override
            public Optional<String> cardReason(String cardId) {
                throw new AssertionError("blocklist asked for card " + cardId);
            }
        };

        List<Evaluation> evaluations = run(off, mustNotBeAsked, small(0), small(1_000), small(2_000));

        assertThat(evaluations).noneMatch(Evaluation::flagged);
    }

    @Test
    void overrideAndTombstoneChangeTheVerdict() {
        Transaction[] sixInAMinute = {
            aTransaction().at(T0).build(), aTransaction().at(T0 + 1_000).build(),
            aTransaction().at(T0 + 2_000).build(), aTransaction().at(T0 + 3_000).build(),
            aTransaction().at(T0 + 4_000).build(), aTransaction().at(T0 + 5_000).build()};
        FraudRules relaxed = rules.withOverride(RuleName.VELOCITY, true, Map.of("max-count", "6"));

        assertThat(last(run(relaxed, BlocklistView.EMPTY, sixInAMinute)).flagged()).isFalse();
        assertThat(last(run(relaxed.withDefault(RuleName.VELOCITY), BlocklistView.EMPTY, sixInAMinute)).fired())
                .containsExactly(RuleName.VELOCITY);
    }

    @Test
    void lateTransactionIsJudgedAgainstItsEventTimeNeighbours() {
        Transaction paris = aTransaction().id("paris").at(48.8566, 2.3522).at(T0).build();
        Transaction newYork = aTransaction().id("new-york").at(40.7128, -74.0060).at(T0 + 8 * 3_600_000L).build();
        Transaction berlinLate = aTransaction().id("berlin").at(52.5200, 13.4050).at(T0 + 30 * 60_000L).build();

        List<Evaluation> evaluations = run(rules, BlocklistView.EMPTY, paris, newYork, berlinLate);

        assertThat(evaluations).extracting(Evaluation::flagged).containsExactly(false, false, true);
        assertThat(last(evaluations).reasons())
                .containsExactly("877 km from the previous transaction 30 min earlier: 1755 km/h (limit 900)");
        // the late one is recorded in its event-time place, without displacing the newest location
        assertThat(last(evaluations).history().transactions()).extracting(PastTransaction::transactionId)
                .containsExactly("paris", "berlin", "new-york");
        assertThat(last(evaluations).history().lastLocated().transactionId()).isEqualTo("new-york");
    }

    @Test
    void historyIsBoundedByTheRulesRetention() {
        Transaction[] hourly = new Transaction[48];
        for (int i = 0; i < hourly.length; i++) {
            hourly[i] = aTransaction().at(T0 + i * 3_600_000L).build();
        }

        CardHistory history = last(run(rules, BlocklistView.EMPTY, hourly)).history();

        assertThat(history.transactions()).hasSize(rules.amountsKept());
        assertThat(history.transactionCount()).isEqualTo(48);
    }
}
