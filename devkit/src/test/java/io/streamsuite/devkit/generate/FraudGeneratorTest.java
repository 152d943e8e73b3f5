package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.FakeClock.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.BlocklistView;
import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.Evaluation;
import io.streamsuite.fraud.FraudEvaluator;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionValidator;
import io.streamsuite.topologies.serde.JsonMappers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FraudGeneratorTest {

    private static final long TWO_HOURS = 2 * 3_600_000L;
    private static final double RATE = 10;
    private static final List<Output> OUTPUTS = FakeClock.run(new FraudGenerator(7, RATE, START), TWO_HOURS, 1000);
    private static final List<Transaction> TRANSACTIONS = FakeClock.records(OUTPUTS, "transactions").stream()
            .map(output -> (Transaction) output.value()).toList();

    @Test
    void theSameSeedGivesTheSameTrafficHoweverTheClockTicks() {
        List<Output> again = FakeClock.runIrregularly(new FraudGenerator(7, RATE, START), TWO_HOURS, 5000, 99);

        assertThat(again).isEqualTo(OUTPUTS);
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        List<Output> other = FakeClock.run(new FraudGenerator(8, RATE, START), 600_000, 1000);

        assertThat(FakeClock.records(other, "transactions"))
                .isNotEqualTo(FakeClock.records(OUTPUTS, "transactions").subList(0, 10));
        assertThat(other.get(0)).isNotEqualTo(OUTPUTS.get(0));
    }

    @Test
    void everyTransactionIsValidKeyedByCardAndSurvivesTheJsonTheAppReads() throws Exception {
        TransactionValidator validator = new TransactionValidator();
        ObjectMapper json = JsonMappers.mapper();
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Output output : FakeClock.records(OUTPUTS, "transactions")) {
            Transaction tx = (Transaction) output.value();
            validator.problems(tx).forEach(problem -> problems.add(tx.transactionId() + ": " + problem));
            // the JSON of one in ten is enough to catch a field the app would read differently
            if (!output.key().equals(tx.cardId()) || output.time() != tx.timestamp() || (n++ % 10 == 0
                    && !json.readValue(json.writeValueAsBytes(tx), Transaction.class).equals(tx))) {
                problems.add(tx.transactionId() + ": key, time or JSON differ");
            }
        }

        assertThat(problems).isEmpty();
        assertThat(TRANSACTIONS).extracting(Transaction::transactionId).doesNotHaveDuplicates();
        assertThat(TRANSACTIONS).extracting(Transaction::channel).contains("POS", "ECOM", "ATM");
    }

    @Test
    void theRateIsAsAskedFromTheStart() {
        long firstTenMinutes = TRANSACTIONS.stream().filter(tx -> tx.timestamp() < START + 600_000).count();

        assertThat(TRANSACTIONS.size() / (TWO_HOURS / 1000.0)).isBetween(RATE * 0.9, RATE * 1.1);
        assertThat(firstTenMinutes / 600.0).isBetween(RATE * 0.8, RATE * 1.2);
        assertThat(OUTPUTS).extracting(Output::time).isSorted();
    }

    /**
     * The ground truth against the app's own domain logic: every transaction through {@link FraudEvaluator} in the
     * order produced, with the default rules and the blocklist as published so far.
     */
    @Test
    void theGroundTruthIsExactlyWhatTheEvaluatorFlags() {
        Map<String, List<String>> expected = new TreeMap<>();
        FakeClock.truths(OUTPUTS, FraudTruth.class).forEach(truth -> expected.put(truth.transactionId(),
                truth.rules()));

        assertThat(evaluate(OUTPUTS)).isEqualTo(expected);
        // every rule is injected, several times
        Map<String, Long> perRule = expected.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(rule -> rule, Collectors.counting()));
        assertThat(perRule.keySet()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(RuleName.values()).map(Enum::name).toArray(String[]::new));
        assertThat(perRule.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(20));
        assertThat(expected.values()).contains(List.of("AMOUNT_SPIKE", "BLOCKLISTED_MERCHANT"));
        // a few percent of the traffic, not most of it
        assertThat(expected.size()).isBetween(TRANSACTIONS.size() / 100, TRANSACTIONS.size() / 20);
    }

    @Test
    void theGroundTruthSaysWhy() {
        assertThat(FakeClock.truths(OUTPUTS, FraudTruth.class)).allSatisfy(truth -> {
            assertThat(truth.domain()).isEqualTo("fraud");
            assertThat(truth.why()).isNotBlank();
            assertThat(truth.scenario()).isNotBlank();
        });
    }

    @Test
    void blocklistEntriesComeBeforeTheTransactionsThatUseThem() {
        Map<String, Long> listedAt = new HashMap<>();
        for (Output output : OUTPUTS) {
            if (output.topic().equals("fraud-blocklist")) {
                assertThat(output.value()).isInstanceOf(BlocklistEntry.class);
                listedAt.putIfAbsent(output.key(), output.time());
            }
        }
        Map<String, Long> firstUse = new HashMap<>();
        for (Transaction tx : TRANSACTIONS) {
            firstUse.putIfAbsent("merchant:" + tx.merchantId(), tx.timestamp());
            firstUse.putIfAbsent("card:" + tx.cardId(), tx.timestamp());
        }
        assertThat(listedAt.keySet()).anyMatch(key -> key.startsWith("card:"));
        // a card or merchant is used only well after it was listed, so that the app has read the listing by then
        // (and, replaying the topics later, would not flag more than the ground truth says)
        listedAt.forEach((key, time) -> {
            if (firstUse.containsKey(key)) {
                assertThat(firstUse.get(key)).as(key)
                        .isGreaterThanOrEqualTo(time + (key.startsWith("card:") ? 60_000 : 30_000));
            }
        });
    }

    /** Transaction id to the rules fired, for every flagged transaction. */
    static Map<String, List<String>> evaluate(List<Output> outputs) {
        Map<String, String> blocklist = new HashMap<>();
        BlocklistView view = new BlocklistView() {
            @Override
            public Optional<String> merchantReason(String merchantId) {
                return Optional.ofNullable(blocklist.get(BlocklistEntry.merchantKey(merchantId)));
            }

            @Override
            public Optional<String> cardReason(String cardId) {
                return Optional.ofNullable(blocklist.get(BlocklistEntry.cardKey(cardId)));
            }
        };
        FraudEvaluator evaluator = new FraudEvaluator();
        FraudRules rules = FraudRules.defaults();
        Map<String, CardHistory> histories = new HashMap<>();
        Map<String, List<String>> flagged = new TreeMap<>();
        for (Output output : outputs) {
            if (output.value() instanceof BlocklistEntry entry) {
                blocklist.put(output.key(), entry.reason());
            } else if (output.value() instanceof Transaction tx) {
                Evaluation evaluation = evaluator.evaluate(tx,
                        histories.getOrDefault(tx.cardId(), CardHistory.empty()), rules, view);
                histories.put(tx.cardId(), evaluation.history());
                if (evaluation.flagged()) {
                    flagged.put(tx.transactionId(), evaluation.fired().stream().map(Enum::name).toList());
                }
            }
        }
        return flagged;
    }

    static Map<String, Long> share(List<FraudTruth> truths) {
        Map<String, Long> counts = new LinkedHashMap<>();
        truths.forEach(truth -> truth.rules().forEach(rule -> counts.merge(rule, 1L, Long::sum)));
        return counts;
    }
}
