package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmountSpikeRuleTest {

    private static final long SECOND = 1_000;

    private final FraudRules rules = FraudRules.defaults();
    private final AmountSpikeRule rule = new AmountSpikeRule();

    private Optional<String> evaluate(Transaction tx, CardHistory history) {
        return evaluate(tx, history, rules);
    }

    private Optional<String> evaluate(Transaction tx, CardHistory history, FraudRules in) {
        return rule.evaluate(tx, history, in.amountSpike(), BlocklistView.EMPTY);
    }

    private static Transaction payment(double amount, long secondsAfterT0) {
        return aTransaction().amount(amount).at(T0 + secondsAfterT0 * SECOND).build();
    }

    /** {@code count} payments of {@code amount}, a second apart from {@code firstSecond}. */
    private static List<Transaction> payments(int count, double amount, long firstSecond) {
        List<Transaction> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(payment(amount, firstSecond + i));
        }
        return list;
    }

    private static CardHistory history(List<Transaction> transactions) {
        return Histories.of(transactions.toArray(Transaction[]::new));
    }

    @Test
    void amountOfExactlyFiveTimesTheMeanIsFlagged() {
        assertThat(evaluate(payment(500.0, 10), history(payments(5, 100.0, 0))))
                .contains("amount 500.00 is 5.0x the mean 100.00 of 5 previous transactions");
    }

    @Test
    void amountJustBelowFiveTimesTheMeanIsNotFlagged() {
        assertThat(evaluate(payment(499.99, 10), history(payments(5, 100.0, 0)))).isEmpty();
    }

    @Test
    void fourPreviousTransactionsAreNotEnoughHistory() {
        assertThat(evaluate(payment(5000.0, 10), history(payments(4, 100.0, 0)))).isEmpty();
    }

    @Test
    void amountsBelowTheMinimumAreNeverASpike() {
        CardHistory coffees = history(payments(5, 10.0, 0));

        assertThat(evaluate(payment(99.99, 10), coffees)).isEmpty();
        assertThat(evaluate(payment(100.0, 10), coffees))
                .contains("amount 100.00 is 10.0x the mean 10.00 of 5 previous transactions");
    }

    @Test
    void meanIsOverTheLastTwentyPreviousAmountsOnly() {
        List<Transaction> transactions = payments(5, 1000.0, 0);
        transactions.addAll(payments(20, 10.0, 5));

        assertThat(evaluate(payment(200.0, 30), history(transactions)))
                .contains("amount 200.00 is 20.0x the mean 10.00 of 20 previous transactions");
    }

    @Test
    void lateTransactionIsComparedWithTheAmountsBeforeItInEventTime() {
        List<Transaction> transactions = payments(5, 100.0, 0);
        transactions.addAll(payments(3, 1000.0, 10));

        assertThat(evaluate(payment(500.0, 7), history(transactions)))
                .contains("amount 500.00 is 5.0x the mean 100.00 of 5 previous transactions");
    }

    @Test
    void lateTransactionWithTooFewTransactionsBeforeItIsNotFlagged() {
        List<Transaction> transactions = payments(2, 100.0, 0);
        transactions.addAll(payments(10, 100.0, 10));

        assertThat(evaluate(payment(5000.0, 5), history(transactions))).isEmpty();
    }

    @Test
    void anyAmountIsASpikeAgainstAMeanOfZero() {
        assertThat(evaluate(payment(150.0, 10), history(payments(5, 0.0, 0))))
                .contains("amount 150.00 against a mean of 0.00 of 5 previous transactions");
    }

    @Test
    void minHistoryAboveHistorySizeCountsPreviousTransactionsBeyondTheMean() {
        FraudRules patient = rules.withOverride(RuleName.AMOUNT_SPIKE, true,
                Map.of("min-history", "8", "history-size", "3"));
        List<Transaction> transactions = payments(7, 100.0, 0);
        CardHistory seven = Histories.of(patient, transactions.toArray(Transaction[]::new));
        transactions.add(payment(100.0, 7));
        CardHistory eight = Histories.of(patient, transactions.toArray(Transaction[]::new));

        assertThat(evaluate(payment(500.0, 10), seven, patient)).isEmpty();
        assertThat(evaluate(payment(500.0, 10), eight, patient))
                .contains("amount 500.00 is 5.0x the mean 100.00 of 3 previous transactions");
    }
}
