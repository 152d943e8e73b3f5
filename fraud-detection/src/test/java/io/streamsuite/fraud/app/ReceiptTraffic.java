package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.utf8;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.serde.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Generated card traffic ({@link FraudTraffic}) with every card on the blocklist, so that every transaction must give
 * exactly one alert: its receipt. An alert missing is a transaction lost, an alert twice a transaction processed twice,
 * and the rules on each alert (the blocklist's plus whatever the traffic's injected frauds fire) depend on the card's
 * whole history in the app's store, so a history restored wrong after a crash shows too. Poison records among the
 * transactions make the dead-letter path part of the count.
 */
final class ReceiptTraffic {

    /** FraudTraffic's cards make 14 to 15 transactions each on average. */
    private static final double TRANSACTIONS_PER_CARD = 14;

    private final FraudTraffic traffic;
    private final Map<String, Transaction> byId;
    private final Map<String, CardTotals> byCard;
    private final int poisonEvery;

    private ReceiptTraffic(FraudTraffic traffic, int poisonEvery) {
        this.traffic = traffic;
        this.poisonEvery = poisonEvery;
        this.byId = new LinkedHashMap<>();
        this.byCard = new HashMap<>();
        for (Transaction tx : traffic.transactions()) {
            byId.put(tx.transactionId(), tx);
            byCard.computeIfAbsent(tx.cardId(), card -> new CardTotals()).add(tx.amount());
        }
    }

    /**
     * @param events      about how many transactions, at least this many
     * @param poisonEvery one undecodable record after every this many transactions
     */
    static ReceiptTraffic generate(long seed, int events, Instant start, int poisonEvery) {
        int cards = Math.max(2 * FraudTraffic.FRAUD_CARDS, (int) Math.ceil(events / TRANSACTIONS_PER_CARD));
        FraudTraffic traffic = FraudTraffic.generate(seed, cards, start);
        while (traffic.transactions().size() < events) {
            cards += Math.max(1, (events - traffic.transactions().size()) / 10);
            traffic = FraudTraffic.generate(seed, cards, start);
        }
        return new ReceiptTraffic(traffic, poisonEvery);
    }

    int transactionCount() {
        return byId.size();
    }

    int cardCount() {
        return byCard.size();
    }

    int poisonCount() {
        return byId.size() / poisonEvery;
    }

    Map<String, Transaction> transactionsById() {
        return byId;
    }

    /** Card id to how many transactions it made and their mean amount. */
    Map<String, CardTotals> cards() {
        return byCard;
    }

    /** Transaction id to exactly the rules its one alert must name. */
    Map<String, Set<String>> expectedRules() {
        Map<String, Set<String>> expected = new HashMap<>();
        for (String id : byId.keySet()) {
            Set<String> rules = new TreeSet<>();
            rules.add(RuleName.BLOCKLISTED_CARD.name());
            traffic.expectedAlerts().getOrDefault(id, Set.of()).forEach(rule -> rules.add(rule.name()));
            expected.put(id, rules);
        }
        return expected;
    }

    /** The traffic's own blocklist plus every card, to publish before the transactions. */
    List<ProducerRecord<byte[], byte[]>> blocklistRecords(TopicSpec<String, BlocklistEntry> blocklist) {
        Map<String, String> entries = new LinkedHashMap<>(traffic.blocklist());
        byCard.keySet().forEach(card -> entries.putIfAbsent("card:" + card, "every card alerts in this test"));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(entries.size());
        entries.forEach((key, reason) -> records.add(new ProducerRecord<>(blocklist.name(), utf8(key),
                blocklist.valueSerde().serializer().serialize(blocklist.name(), new BlocklistEntry(reason, 0L)))));
        return records;
    }

    /**
     * The transactions in event-time order, each keyed as {@link FraudTraffic#kafkaKey} says (some by account, for the
     * app to re-key through its repartition topic), with a truncated JSON record after every {@code poisonEvery}.
     */
    List<ProducerRecord<byte[], byte[]>> transactionRecords(TopicSpec<String, Transaction> transactions) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(byId.size() + poisonCount());
        int sent = 0;
        for (Transaction tx : traffic.transactions()) {
            byte[] key = utf8(traffic.kafkaKey(tx));
            records.add(new ProducerRecord<>(transactions.name(), null, tx.timestamp(), key,
                    transactions.valueSerde().serializer().serialize(transactions.name(), tx)));
            if (++sent % poisonEvery == 0) {
                records.add(new ProducerRecord<>(transactions.name(), null, tx.timestamp(), key,
                        utf8("{\"transactionId\": \"poison-" + sent)));
            }
        }
        return records;
    }

    /** A card's transactions as sent: how many and the mean of their amounts. */
    static final class CardTotals {
        private long count;
        private double sum;

        void add(double amount) {
            count++;
            sum += amount;
        }

        long count() {
            return count;
        }

        double mean() {
            return sum / count;
        }
    }

    /**
     * Where the traffic's event times start: recent enough for the broker's time-based retention (7 days) to keep every
     * record, and far enough back that the traffic (which spans up to about 80 hours) ends in the past: a broker
     * refuses records more than an hour ahead of its clock ({@code log.message.timestamp.after.max.ms}).
     */
    static Instant recentStart() {
        return Instant.now().minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);
    }
}
