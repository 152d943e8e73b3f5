package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VelocityRuleTest {

    private final FraudRules rules = FraudRules.defaults();
    private final VelocityRule rule = new VelocityRule();

    private Optional<String> evaluate(Transaction tx, CardHistory history, FraudRules in) {
        return rule.evaluate(tx, history, in.velocity(), BlocklistView.EMPTY);
    }

    private static CardHistory fiveAtSecondsZeroToFour() {
        return Histories.of(at(0), at(1_000), at(2_000), at(3_000), at(4_000));
    }

    private static Transaction at(long millisAfterT0) {
        return aTransaction().at(T0 + millisAfterT0).build();
    }

    @Test
    void sixthTransactionWithinSixtySecondsIsFlagged() {
        assertThat(evaluate(at(30_000), fiveAtSecondsZeroToFour(), rules))
                .contains("6 transactions within 60s (limit 5)");
    }

    @Test
    void fifthTransactionIsNotFlagged() {
        CardHistory four = Histories.of(at(0), at(1_000), at(2_000), at(3_000));

        assertThat(evaluate(at(30_000), four, rules)).isEmpty();
    }

    @Test
    void windowIncludesTheTransactionExactlyAWindowEarlier() {
        assertThat(evaluate(at(60_000), fiveAtSecondsZeroToFour(), rules)).isPresent();
    }

    @Test
    void transactionOneMillisecondOutsideTheWindowDoesNotCount() {
        assertThat(evaluate(at(60_001), fiveAtSecondsZeroToFour(), rules)).isEmpty();
    }

    @Test
    void everyTransactionPastTheLimitIsFlagged() {
        CardHistory six = Histories.of(at(0), at(1_000), at(2_000), at(3_000), at(4_000), at(5_000));

        assertThat(evaluate(at(6_000), six, rules)).contains("7 transactions within 60s (limit 5)");
    }

    @Test
    void lateTransactionCountsOnlyTransactionsUpToItsOwnEventTime() {
        // four before it; two that happened after it arrived first and must not count
        CardHistory history = Histories.of(at(0), at(1_000), at(2_000), at(3_000), at(40_000), at(45_000));

        assertThat(evaluate(at(30_000), history, rules)).isEmpty();
    }

    @Test
    void lateTransactionIsFlaggedAmongItsEventTimeNeighbours() {
        CardHistory history = Histories.of(at(0), at(1_000), at(2_000), at(3_000), at(4_000), at(600_000));

        assertThat(evaluate(at(30_000), history, rules)).contains("6 transactions within 60s (limit 5)");
    }

    @Test
    void transactionsLongBeforeALateOneDoNotCount() {
        CardHistory history = Histories.of(at(0), at(1_000), at(2_000), at(3_000), at(4_000));

        assertThat(evaluate(aTransaction().at(T0 - 120_000).build(), history, rules)).isEmpty();
    }

    @Test
    void overriddenParametersApplyAndShowInTheReason() {
        FraudRules wider = rules.withOverride(RuleName.VELOCITY, true, Map.of("window", "90s", "max-count", "2"));
        CardHistory history = Histories.of(wider, at(0), at(1_000));

        assertThat(evaluate(at(90_000), history, wider)).contains("3 transactions within 90s (limit 2)");
        assertThat(evaluate(at(90_001), history, wider)).isEmpty();
    }
}
