package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.fraud.FraudTraffic.Scenario;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FraudTrafficTest {

    private static final Instant START = Instant.parse("2026-11-21T06:00:00Z");
    private static final int CARDS = 250;
    private static final FraudTraffic TRAFFIC = FraudTraffic.generate(42, CARDS, START);

    /**
     * The ground truth is built from the scenarios alone; the domain layer's evaluator, fed as the app feeds it,
     * must agree with it exactly, or the generator's ordinary traffic is not as harmless as it claims.
     */
    @Test
    void theEvaluatorFlagsExactlyTheInjectedFrauds() {
        assertThat(disagreements(TRAFFIC)).isEmpty();
    }

    @Test
    void theEvaluatorAgreesForOtherSeedsToo() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(disagreements(FraudTraffic.generate(seed, 100, START))).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void theSameSeedGivesTheSameTraffic() {
        FraudTraffic again = FraudTraffic.generate(42, CARDS, START);

        assertThat(again.transactions()).isEqualTo(TRAFFIC.transactions());
        assertThat(again.expectedAlerts()).isEqualTo(TRAFFIC.expectedAlerts());
        assertThat(again.blocklist()).isEqualTo(TRAFFIC.blocklist());
        assertThat(again.rekeyedCards()).isEqualTo(TRAFFIC.rekeyedCards());
        assertThat(again.scenarios()).isEqualTo(TRAFFIC.scenarios());
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        FraudTraffic other = FraudTraffic.generate(43, CARDS, START);

        assertThat(other.transactions()).isNotEqualTo(TRAFFIC.transactions());
        assertThat(other.scenarios()).isNotEqualTo(TRAFFIC.scenarios());
    }

    @Test
    void everyScenarioIsInjectedOnItsOwnCards() {
        Map<Scenario, Long> cardsPerScenario = TRAFFIC.scenarios().values().stream()
                .collect(Collectors.groupingBy(Function.identity(), () -> new EnumMap<>(Scenario.class),
                        Collectors.counting()));

        assertThat(cardsPerScenario.keySet()).containsExactlyInAnyOrder(Scenario.values());
        cardsPerScenario.forEach((scenario, count) -> assertThat(count).as("%s cards", scenario).isEqualTo(
                scenario == Scenario.NONE ? CARDS - FraudTraffic.FRAUD_CARDS : FraudTraffic.CARDS_PER_SCENARIO));
    }

    @Test
    void everyRuleIsExpectedAsOftenAsTheScenariosSay() {
        Map<RuleName, Long> alertsPerRule = new EnumMap<>(RuleName.class);
        TRAFFIC.expectedAlerts().values()
                .forEach(rules -> rules.forEach(rule -> alertsPerRule.merge(rule, 1L, Long::sum)));
        int perScenario = FraudTraffic.CARDS_PER_SCENARIO;
        long blockedCardTransactions = TRAFFIC.transactions().stream()
                .filter(tx -> TRAFFIC.scenarios().get(tx.cardId()) == Scenario.BLOCKLISTED_CARD)
                .count();

        assertThat(alertsPerRule).containsOnly(
                Map.entry(RuleName.VELOCITY, 2L * perScenario),
                Map.entry(RuleName.AMOUNT_SPIKE, 2L * perScenario),
                Map.entry(RuleName.IMPOSSIBLE_TRAVEL, (long) perScenario),
                Map.entry(RuleName.BLOCKLISTED_MERCHANT, 2L * perScenario),
                Map.entry(RuleName.BLOCKLISTED_CARD, blockedCardTransactions),
                Map.entry(RuleName.CARD_TESTING, 2L * perScenario));
        assertThat(TRAFFIC.expectedAlerts().values())
                .filteredOn(rules -> rules.equals(EnumSet.of(RuleName.AMOUNT_SPIKE, RuleName.BLOCKLISTED_MERCHANT)))
                .hasSize(perScenario);
    }

    @Test
    void alertsFallOnlyOnTheCardsOfTheirScenario() {
        Map<String, String> cardOf = TRAFFIC.transactions().stream()
                .collect(Collectors.toMap(Transaction::transactionId, Transaction::cardId));

        TRAFFIC.expectedAlerts().keySet()
                .forEach(id -> assertThat(TRAFFIC.scenarios().get(cardOf.get(id))).as(id).isNotEqualTo(Scenario.NONE));
    }

    @Test
    void theBlocklistNamesCardsAndMerchantsThatOrdinaryTrafficAvoids() {
        Set<String> blockedMerchants = new HashSet<>();
        TRAFFIC.blocklist().forEach((key, reason) -> {
            assertThat(key).matches("merchant:m-\\d{3}|card:card-\\d{4}");
            assertThat(reason).isNotBlank();
            if (key.startsWith("merchant:")) {
                blockedMerchants.add(key.substring("merchant:".length()));
            }
        });

        assertThat(blockedMerchants).isNotEmpty();
        assertThat(TRAFFIC.blocklist().keySet()).filteredOn(key -> key.startsWith("card:"))
                .hasSize(FraudTraffic.CARDS_PER_SCENARIO);
        for (Transaction tx : TRAFFIC.transactions()) {
            if (blockedMerchants.contains(tx.merchantId())) {
                assertThat(TRAFFIC.expectedAlerts().get(tx.transactionId())).as(tx.transactionId())
                        .contains(RuleName.BLOCKLISTED_MERCHANT);
            }
        }
    }

    @Test
    void theSizeIsAFewThousandTransactions() {
        List<Transaction> transactions = TRAFFIC.transactions();
        Map<String, Long> perCard = transactions.stream()
                .collect(Collectors.groupingBy(Transaction::cardId, Collectors.counting()));

        assertThat(perCard).hasSize(CARDS);
        // ordinary ones, plus at most 7 for a fraud (the velocity burst)
        assertThat(perCard.values()).allSatisfy(count -> assertThat(count)
                .isBetween((long) FraudTraffic.MIN_ORDINARY, FraudTraffic.MAX_ORDINARY + 7L));
        assertThat(transactions).hasSizeBetween(CARDS * FraudTraffic.MIN_ORDINARY, CARDS * FraudTraffic.MAX_ORDINARY);
        assertThat(TRAFFIC.expectedAlerts().size()).isLessThan(transactions.size() / 10);
    }

    @Test
    void transactionsComeInEventTimeOrderWithReadableUniqueIds() {
        List<Transaction> transactions = TRAFFIC.transactions();

        assertThat(transactions).isSortedAccordingTo(Comparator.comparing(Transaction::timestamp));
        assertThat(transactions.get(0).timestamp()).isGreaterThanOrEqualTo(START.toEpochMilli());
        assertThat(transactions).extracting(Transaction::transactionId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("tx-\\d{6}"));
        assertThat(transactions).allSatisfy(tx -> {
            assertThat(tx.cardId()).matches("card-\\d{4}");
            assertThat(tx.merchantId()).matches("m-\\d{3}");
        });
    }

    @Test
    void everyTransactionIsValidAndFullyFilled() {
        TransactionValidator validator = new TransactionValidator();

        assertThat(TRAFFIC.transactions()).allSatisfy(tx -> {
            assertThat(validator.problems(tx)).as(tx.transactionId()).isEmpty();
            assertThat(List.of(tx.accountId(), tx.customerId(), tx.merchantCategory(), tx.country(), tx.channel()))
                    .as(tx.transactionId()).doesNotContainNull();
            // online payments carry no location, everything else does
            assertThat(tx.hasLocation()).as(tx.transactionId()).isEqualTo(!tx.channel().equals("ECOM"));
        });
        assertThat(TRAFFIC.transactions()).extracting(Transaction::channel)
                .contains("POS", "ECOM", "ATM");
    }

    @Test
    void aFifthOfTheCardsIsKeyedByTransactionIdIncludingSomeOfEveryScenario() {
        Set<String> rekeyed = TRAFFIC.rekeyedCards();

        assertThat(rekeyed.size()).isBetween(CARDS / 5, CARDS / 5 + Scenario.values().length);
        assertThat(rekeyed).extracting(card -> TRAFFIC.scenarios().get(card))
                .containsOnly(Scenario.values())
                .contains(Scenario.values());
        for (Transaction tx : TRAFFIC.transactions()) {
            String expectedKey = rekeyed.contains(tx.cardId()) ? tx.accountId() : tx.cardId();
            assertThat(TRAFFIC.kafkaKey(tx)).isEqualTo(expectedKey);
        }
    }

    /**
     * Where the evaluator and the ground truth differ: transaction id to what each says, with the card's scenario, so
     * that a failure names the few culprits instead of printing two maps of a hundred alerts.
     */
    private static Map<String, String> disagreements(FraudTraffic traffic) {
        Map<String, Set<RuleName>> evaluated = evaluate(traffic);
        Map<String, String> disagreements = new TreeMap<>();
        for (Transaction tx : traffic.transactions()) {
            Set<RuleName> expected = traffic.expectedAlerts().getOrDefault(tx.transactionId(), Set.of());
            Set<RuleName> fired = evaluated.getOrDefault(tx.transactionId(), Set.of());
            if (!expected.equals(fired)) {
                disagreements.put(tx.transactionId(), tx.cardId() + " (" + traffic.scenarios().get(tx.cardId())
                        + "): expected " + expected + ", evaluator fired " + fired);
            }
        }
        return disagreements;
    }

    /** Runs the traffic in production order through the evaluator, one history per card, as the app does. */
    private static Map<String, Set<RuleName>> evaluate(FraudTraffic traffic) {
        MapBlocklist blocklist = new MapBlocklist();
        traffic.blocklist().forEach((key, reason) -> {
            if (key.startsWith("merchant:")) {
                blocklist.merchant(key.substring("merchant:".length()), reason);
            } else {
                blocklist.card(key.substring("card:".length()), reason);
            }
        });
        FraudEvaluator evaluator = new FraudEvaluator();
        FraudRules rules = FraudRules.defaults();
        Map<String, CardHistory> histories = new HashMap<>();
        Map<String, Set<RuleName>> flagged = new LinkedHashMap<>();
        for (Transaction tx : traffic.transactions()) {
            Evaluation evaluation = evaluator.evaluate(tx,
                    histories.getOrDefault(tx.cardId(), CardHistory.empty()), rules, blocklist);
            histories.put(tx.cardId(), evaluation.history());
            if (evaluation.flagged()) {
                flagged.put(tx.transactionId(), EnumSet.copyOf(evaluation.fired()));
            }
        }
        return flagged;
    }
}
