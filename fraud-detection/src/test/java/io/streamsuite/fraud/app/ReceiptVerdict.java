package io.streamsuite.fraud.app;

import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the app wrote for {@link ReceiptTraffic}, judged record by record, as Kafka's own EOS system test verifies its
 * output: every transaction's alert against the one it must have, every card's count and mean in the app's store
 * against what was sent, the dead letters against the poison sent.
 *
 * <p>Judged against the input as the broker stored it, not as the test sent it: across a broker restart Kafka 4.4.0
 * has been seen to store an idempotent producer's retried batch twice (the same producer id, epoch and sequence numbers
 * at two offsets), and the app must then process both copies, each exactly once. So each transaction must have as
 * many alerts as it has copies in the input, and each card count every copy; the rules of a card whose input holds a
 * copy are not judged, since the copy changes the history its later transactions are judged against.
 *
 * @param transactions   transactions sent
 * @param storedTwice    copies of sent transactions beyond the first that the broker stored in the input
 * @param alerts         alerts read (committed ones only)
 * @param lost           transactions without an alert
 * @param duplicated     alerts beyond the first for a transaction
 * @param wrong          first alerts that differ from what the transaction must give (rules, card or amount), and
 *                       cards counted right whose mean amount is wrong
 * @param unjudged       alerts whose rules were not judged: of cards whose input holds a copy
 * @param unexpected     alerts for no transaction that was sent
 * @param deadLetters    dead letters read (committed ones only)
 * @param poison         poison records sent
 * @param cardsShort     cards whose store counts fewer transactions than were sent
 * @param cardsOver      cards whose store counts more transactions than were sent
 * @param cardsMissing   cards the app does not know at all
 * @param examples       the first few problems, to say what went wrong
 */
record ReceiptVerdict(int transactions, int storedTwice, int alerts, int lost, int duplicated, int wrong, int unjudged,
                      int unexpected, int deadLetters, int poison, int cardsShort, int cardsOver, int cardsMissing,
                      List<String> examples) {

    private static final int MAX_EXAMPLES = 8;

    /** A card's profile as the app's {@code /cards/{cardId}} answers it; null when the app does not know the card. */
    record CardProfile(long transactionCount, double meanAmount) {
    }

    /**
     * @param inputRecords the input topic as stored, read with {@code read_committed}; its undecodable (poison)
     *                     records are left out
     */
    static ReceiptVerdict judge(ReceiptTraffic traffic, List<ConsumerRecord<byte[], byte[]>> inputRecords,
                                TopicSpec<String, Transaction> inputTopic, List<ConsumerRecord<byte[], byte[]>> alertRecords,
                                TopicSpec<String, FraudAlert> alertTopic, int deadLetters,
                                Map<String, CardProfile> profiles) {
        List<String> examples = new ArrayList<>();
        Map<String, Set<String>> expected = traffic.expectedRules();
        Map<String, Transaction> sent = traffic.transactionsById();
        Map<String, Integer> copies = copiesStored(inputRecords, inputTopic);
        Set<String> cardsWithCopies = new TreeSet<>();
        int storedTwice = 0;
        for (Map.Entry<String, Integer> stored : copies.entrySet()) {
            if (stored.getValue() > 1 && sent.containsKey(stored.getKey())) {
                storedTwice += stored.getValue() - 1;
                cardsWithCopies.add(sent.get(stored.getKey()).cardId());
                example(examples, stored.getKey() + " stored " + stored.getValue() + " times in the input by the broker");
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        int duplicated = 0;
        int wrong = 0;
        int unjudged = 0;
        int unexpected = 0;
        for (ConsumerRecord<byte[], byte[]> record : alertRecords) {
            FraudAlert alert = alertTopic.valueSerde().deserializer().deserialize(alertTopic.name(), record.headers(), record.value());
            Transaction tx = sent.get(alert.transactionId());
            if (tx == null) {
                unexpected++;
                example(examples, "alert for a transaction never sent: " + alert);
                continue;
            }
            int nth = seen.merge(alert.transactionId(), 1, Integer::sum);
            if (nth > copies.getOrDefault(alert.transactionId(), 1)) {
                duplicated++;
                example(examples, "alert " + nth + " for " + alert.transactionId());
                continue;
            }
            if (cardsWithCopies.contains(tx.cardId())) {
                unjudged++;
                continue;
            }
            Set<String> rules = new TreeSet<>(alert.rules());
            if (!rules.equals(expected.get(tx.transactionId())) || !alert.cardId().equals(tx.cardId())
                    || alert.amount() != tx.amount()) {
                wrong++;
                example(examples, tx.transactionId() + " of " + tx.cardId() + " must alert " + expected.get(tx.transactionId())
                        + " for " + tx.amount() + ", alerted " + rules + " for " + alert.cardId() + " " + alert.amount());
            }
        }
        int lost = 0;
        for (String id : sent.keySet()) {
            int missing = copies.getOrDefault(id, 1) - seen.getOrDefault(id, 0);
            if (missing > 0) {
                lost += missing;
                example(examples, "no alert for " + id + " of " + sent.get(id).cardId());
            }
        }
        int cardsShort = 0;
        int cardsOver = 0;
        int cardsMissing = 0;
        for (Map.Entry<String, Totals> card : totalsStored(sent, copies).entrySet()) {
            CardProfile profile = profiles.get(card.getKey());
            long count = card.getValue().count();
            if (profile == null) {
                cardsMissing++;
                example(examples, "card " + card.getKey() + " unknown to the app, sent " + count);
            } else if (profile.transactionCount() != count
                    || Math.abs(profile.meanAmount() - card.getValue().mean()) > 1e-6) {
                if (profile.transactionCount() < count) {
                    cardsShort++;
                } else if (profile.transactionCount() > count) {
                    cardsOver++;
                } else {
                    wrong++;
                }
                example(examples, "card " + card.getKey() + " counts " + profile.transactionCount() + " with mean "
                        + profile.meanAmount() + ", stored " + count + " with mean " + card.getValue().mean());
            }
        }
        return new ReceiptVerdict(sent.size(), storedTwice, alertRecords.size(), lost, duplicated, wrong, unjudged,
                unexpected, deadLetters, traffic.poisonCount(), cardsShort, cardsOver, cardsMissing, List.copyOf(examples));
    }

    /**
     * Transaction id to the number of its copies in the input. A sent transaction missing from it is judged as if
     * stored once, so that it counts as lost rather than excusing the app.
     */
    private static Map<String, Integer> copiesStored(List<ConsumerRecord<byte[], byte[]>> inputRecords,
                                                     TopicSpec<String, Transaction> inputTopic) {
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : inputRecords) {
            Transaction tx;
            try {
                tx = inputTopic.valueSerde().deserializer().deserialize(inputTopic.name(), record.headers(), record.value());
            } catch (RuntimeException poison) {
                continue;
            }
            copies.merge(tx.transactionId(), 1, Integer::sum);
        }
        return copies;
    }

    /** A card's count and mean amount over its transactions' stored copies. */
    private record Totals(long count, double sum) {

        double mean() {
            return sum / count;
        }
    }

    private static Map<String, Totals> totalsStored(Map<String, Transaction> sent, Map<String, Integer> copies) {
        Map<String, Totals> totals = new TreeMap<>();
        sent.forEach((id, tx) -> {
            int stored = copies.getOrDefault(id, 1);
            totals.merge(tx.cardId(), new Totals(stored, stored * tx.amount()),
                    (a, b) -> new Totals(a.count() + b.count(), a.sum() + b.sum()));
        });
        return totals;
    }

    /** Exactly once: every transaction alerted once and right, every card counted once, every poison record once. */
    boolean exact() {
        return nothingLost() && duplicated == 0 && wrong == 0 && unexpected == 0 && cardsOver == 0
                && deadLetters == poison;
    }

    /**
     * At least once: every transaction alerted, every card counted, every poison record dead-lettered; duplicates
     * allowed, and with them alerts whose rules differ (a transaction processed twice counts twice toward velocity).
     */
    boolean nothingLost() {
        return lost == 0 && cardsShort == 0 && cardsMissing == 0 && deadLetters >= poison;
    }

    /** One line of figures. */
    String figures() {
        return "transactions " + transactions + " (stored twice by the broker " + storedTwice + "), alerts " + alerts
                + ", lost " + lost + ", duplicated " + duplicated + ", wrong " + wrong + " (unjudged " + unjudged + ")"
                + ", unexpected " + unexpected + ", dead letters " + deadLetters + " of " + poison
                + " poison, cards short " + cardsShort + ", over " + cardsOver + ", missing " + cardsMissing;
    }

    private static void example(List<String> examples, String problem) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(problem);
        }
    }
}
