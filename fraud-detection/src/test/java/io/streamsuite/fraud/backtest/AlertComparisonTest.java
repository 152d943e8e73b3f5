package io.streamsuite.fraud.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertComparisonTest {

    private static final Set<String> COMPARED = Set.of("t1", "t2", "t3", "t4", "t5", "t6");

    /** Production: VELOCITY on t1, t2; AMOUNT_SPIKE on t3. Backtest: VELOCITY on t2, t4, t5; AMOUNT_SPIKE on t3, t4. */
    private static final Map<String, Set<String>> PRODUCTION = Map.of(
            "t1", Set.of("VELOCITY"),
            "t2", Set.of("VELOCITY"),
            "t3", Set.of("AMOUNT_SPIKE"),
            "outside", Set.of("VELOCITY"));
    private static final Map<String, Set<String>> BACKTEST = Map.of(
            "t2", Set.of("VELOCITY"),
            "t3", Set.of("AMOUNT_SPIKE"),
            "t4", Set.of("VELOCITY", "AMOUNT_SPIKE"),
            "t5", Set.of("VELOCITY"),
            "warm-up", Set.of("CARD_TESTING"));

    private final AlertComparison comparison = AlertComparison.of(PRODUCTION, BACKTEST, COMPARED);

    @Test
    void listsTheAlertsAddedAndGonePerRule() {
        assertThat(comparison.added("VELOCITY")).containsExactly("t4", "t5");
        assertThat(comparison.gone("VELOCITY")).containsExactly("t1");
        assertThat(comparison.added("AMOUNT_SPIKE")).containsExactly("t4");
        assertThat(comparison.gone("AMOUNT_SPIKE")).isEmpty();
        assertThat(comparison.added(AlertComparison.ANY_RULE)).containsExactly("t4", "t5");
        assertThat(comparison.gone(AlertComparison.ANY_RULE)).containsExactly("t1");
    }

    @Test
    void countsEveryRuleOfTheContractThenAnyRule() {
        assertThat(comparison.rows()).containsExactly(
                new AlertComparison.Row("VELOCITY", 2, 3, 2, 1),
                new AlertComparison.Row("AMOUNT_SPIKE", 1, 2, 1, 0),
                new AlertComparison.Row("IMPOSSIBLE_TRAVEL", 0, 0, 0, 0),
                new AlertComparison.Row("BLOCKLISTED_MERCHANT", 0, 0, 0, 0),
                new AlertComparison.Row("BLOCKLISTED_CARD", 0, 0, 0, 0),
                new AlertComparison.Row("CARD_TESTING", 0, 0, 0, 0),
                new AlertComparison.Row(AlertComparison.ANY_RULE, 3, 4, 2, 1));
        assertThat(comparison.unchanged()).isFalse();
    }

    @Test
    void leavesOutTransactionsOutsideTheComparedRange() {
        assertThat(comparison.production()).doesNotContainKey("outside");
        assertThat(comparison.backtest()).doesNotContainKey("warm-up");
    }

    @Test
    void scoresFlaggedTransactionsAgainstConfirmedFrauds() {
        Set<String> confirmed = Set.of("t1", "t4", "t6");
        DetectionScore production = comparison.score(comparison.production(), confirmed);
        DetectionScore backtest = comparison.score(comparison.backtest(), confirmed);

        assertThat(production).isEqualTo(new DetectionScore(3, 1, 3));
        assertThat(production.precision()).hasValue(1.0 / 3);
        assertThat(production.recall()).hasValue(1.0 / 3);
        assertThat(backtest).isEqualTo(new DetectionScore(4, 1, 3));
        assertThat(backtest.precision()).hasValue(0.25);
        assertThat(backtest.recall()).hasValue(1.0 / 3);
    }

    @Test
    void precisionAndRecallAreUndefinedWithNothingFlaggedOrConfirmed() {
        assertThat(new DetectionScore(0, 0, 2).precision()).isEmpty();
        assertThat(new DetectionScore(2, 0, 0).recall()).isEmpty();
    }

    @Test
    void rendersTheTableTheIdsAndTheScore() {
        List<String> lines = BacktestReport.render(comparison, Optional.of(Set.of("t1", "t4", "t6", "elsewhere")), COMPARED);

        assertThat(lines).containsExactly(
                "rule                 production  backtest  added  gone",
                "VELOCITY                      2         3      2     1",
                "AMOUNT_SPIKE                  1         2      1     0",
                "IMPOSSIBLE_TRAVEL             0         0      0     0",
                "BLOCKLISTED_MERCHANT          0         0      0     0",
                "BLOCKLISTED_CARD              0         0      0     0",
                "CARD_TESTING                  0         0      0     0",
                "any rule                      3         4      2     1",
                "  VELOCITY added: t4, t5",
                "  VELOCITY gone: t1",
                "  AMOUNT_SPIKE added: t4",
                "",
                "Confirmed frauds in the range: 3 (1 more in the file are outside it and not counted)",
                "                        flagged confirmed precision recall",
                "production                    3         1      0.33   0.33",
                "backtest                      4         1      0.25   0.33");
    }

    @Test
    void saysWhenNothingChanged() {
        AlertComparison same = AlertComparison.of(PRODUCTION, PRODUCTION, COMPARED);

        assertThat(same.unchanged()).isTrue();
        assertThat(BacktestReport.render(same, Optional.empty(), COMPARED))
                .endsWith("No difference: the backtest flagged exactly what production flagged.");
    }
}
