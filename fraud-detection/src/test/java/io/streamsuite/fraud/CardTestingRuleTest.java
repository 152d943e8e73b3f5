package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CardTestingRuleTest {

    private static final long MINUTE = 60_000;

    private final FraudRules rules = FraudRules.defaults();
    private final CardTestingRule rule = new CardTestingRule();

    private Optional<String> evaluate(Transaction tx, CardHistory history) {
        return rule.evaluate(tx, history, rules.cardTesting(), BlocklistView.EMPTY);
    }

    private static Transaction small(long millisAfterT0) {
        return payment(1.00, millisAfterT0);
    }

    private static Transaction payment(double amount, long millisAfterT0) {
        return aTransaction().amount(amount).at(T0 + millisAfterT0).build();
    }

    @Test
    void thirdSmallTransactionWithinTenMinutesIsFlagged() {
        CardHistory twoSmall = Histories.of(small(0), small(MINUTE));

        assertThat(evaluate(small(2 * MINUTE), twoSmall)).contains("3 transactions below 2.00 within 10m");
    }

    @Test
    void secondSmallTransactionIsNotFlagged() {
        assertThat(evaluate(small(MINUTE), Histories.of(small(0)))).isEmpty();
    }

    @Test
    void laterSmallTransactionsAreFlaggedToo() {
        CardHistory threeSmall = Histories.of(small(0), small(MINUTE), small(2 * MINUTE));

        assertThat(evaluate(small(3 * MINUTE), threeSmall)).contains("4 transactions below 2.00 within 10m");
    }

    @Test
    void anAmountOfExactlyTheLimitIsNotSmall() {
        CardHistory twoSmall = Histories.of(small(0), small(MINUTE));

        assertThat(evaluate(payment(2.00, 2 * MINUTE), twoSmall)).isEmpty();
        assertThat(evaluate(payment(1.99, 2 * MINUTE), twoSmall)).isPresent();
    }

    @Test
    void largeTransactionsInBetweenDoNotCount() {
        CardHistory history = Histories.of(small(0), payment(50.0, MINUTE), payment(2.00, 90_000));

        assertThat(evaluate(small(2 * MINUTE), history)).isEmpty();
    }

    @Test
    void windowIncludesItsStartAndNotAMillisecondBefore() {
        CardHistory twoSmall = Histories.of(small(0), small(MINUTE));

        assertThat(evaluate(small(10 * MINUTE), twoSmall)).isPresent();
        assertThat(evaluate(small(10 * MINUTE + 1), twoSmall)).isEmpty();
    }

    @Test
    void lateSmallTransactionDoesNotCountSmallOnesThatHappenedAfterIt() {
        CardHistory history = Histories.of(small(0), small(5 * MINUTE), small(6 * MINUTE));

        assertThat(evaluate(small(MINUTE), history)).isEmpty();
    }

    @Test
    void lateSmallTransactionIsFlaggedAmongItsEventTimeNeighbours() {
        CardHistory history = Histories.of(small(0), small(MINUTE), payment(80.0, 30 * MINUTE));

        assertThat(evaluate(small(2 * MINUTE), history)).contains("3 transactions below 2.00 within 10m");
    }

    @Test
    void overriddenLimitAppliesAndShowsInTheReason() {
        FraudRules stricter = rules.withOverride(RuleName.CARD_TESTING, true,
                Map.of("max-amount", "5", "min-count", "2", "window", "PT2M"));
        CardHistory history = Histories.of(stricter, payment(4.50, 0));

        assertThat(rule.evaluate(payment(4.99, 2 * MINUTE), history, stricter.cardTesting(), BlocklistView.EMPTY))
                .contains("2 transactions below 5.00 within 2m");
        assertThat(stricter.cardTesting().window()).isEqualTo(Duration.ofMinutes(2));
    }
}
