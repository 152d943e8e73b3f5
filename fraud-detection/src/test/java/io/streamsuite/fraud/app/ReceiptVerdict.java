package io.streamsuite.fraud.app;

import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the app wrote for {@link ReceiptTraffic}, judged record by record, as Kafka's own EOS system test verifies its
 * output: every transaction's alert against the one it must have, every card's count and mean in the app's store
 * against what was sent, the dead letters against the poison sent.
 *
 * @param transactions   transactions sent
 * @param alerts         alerts read (committed ones only)
 * @param lost           transactions without an alert
 * @param duplicated     alerts beyond the first for a transaction
 * @param wrong          first alerts that differ from what the transaction must give (rules, card or amount), and
 *                       cards counted right whose mean amount is wrong
 * @param unexpected     alerts for no transaction that was sent
 * @param deadLetters    dead letters read (committed ones only)
 * @param poison         poison records sent
 * @param cardsShort     cards whose store counts fewer transactions than were sent
 * @param cardsOver      cards whose store counts more transactions than were sent
 * @param cardsMissing   cards the app does not know at all
 * @param examples       the first few problems, to say what went wrong
 */
record ReceiptVerdict(int transactions, int alerts, int lost, int duplicated, int wrong, int unexpected,
                      int deadLetters, int poison, int cardsShort, int cardsOver, int cardsMissing, List<String> examples) {

    private static final int MAX_EXAMPLES = 8;

    /** A card's profile as the app's {@code /cards/{cardId}} answers it; null when the app does not know the card. */
    record CardProfile(long transactionCount, double meanAmount) {
    }

    static ReceiptVerdict judge(ReceiptTraffic traffic, List<ConsumerRecord<byte[], byte[]>> alertRecords,
                                TopicSpec<String, FraudAlert> alertTopic, int deadLetters,
                                Map<String, CardProfile> profiles) {
        List<String> examples = new ArrayList<>();
        Map<String, Set<String>> expected = traffic.expectedRules();
        Map<String, Transaction> sent = traffic.transactionsById();
        Map<String, Integer> seen = new HashMap<>();
        int duplicated = 0;
        int wrong = 0;
        int unexpected = 0;
        for (ConsumerRecord<byte[], byte[]> record : alertRecords) {
            FraudAlert alert = alertTopic.valueSerde().deserializer().deserialize(alertTopic.name(), record.headers(), record.value());
            Transaction tx = sent.get(alert.transactionId());
            if (tx == null) {
                unexpected++;
                example(examples, "alert for a transaction never sent: " + alert);
                continue;
            }
            if (seen.merge(alert.transactionId(), 1, Integer::sum) > 1) {
                duplicated++;
                example(examples, "alert " + seen.get(alert.transactionId()) + " for " + alert.transactionId());
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
            if (!seen.containsKey(id)) {
                lost++;
                example(examples, "no alert for " + id + " of " + sent.get(id).cardId());
            }
        }
        int cardsShort = 0;
        int cardsOver = 0;
        int cardsMissing = 0;
        for (Map.Entry<String, ReceiptTraffic.CardTotals> card : traffic.cards().entrySet()) {
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
                        + profile.meanAmount() + ", sent " + count + " with mean " + card.getValue().mean());
            }
        }
        return new ReceiptVerdict(sent.size(), alertRecords.size(), lost, duplicated, wrong, unexpected, deadLetters,
                traffic.poisonCount(), cardsShort, cardsOver, cardsMissing, List.copyOf(examples));
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
        return "transactions " + transactions + ", alerts " + alerts + ", lost " + lost + ", duplicated " + duplicated
                + ", wrong " + wrong + ", unexpected " + unexpected + ", dead letters " + deadLetters + " of " + poison
                + " poison, cards short " + cardsShort + ", over " + cardsOver + ", missing " + cardsMissing;
    }

    private static void example(List<String> examples, String problem) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(problem);
        }
    }
}
