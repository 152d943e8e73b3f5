package io.streamsuite.deploy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * Card transactions whose only fraud is velocity, with the alerts worked out independently of the app from the
 * contract's rule: more than 5 transactions of a card within 60 s of event time (both ends included), every one past
 * the 5th flagged. Transactions come every 40 ms in event-time order, from cards drawn at random, so some cards burst
 * and most do not. Amounts stay between 10 and 50 (no spike, no card testing), without location (no impossible
 * travel), and nothing is blocklisted.
 */
record VelocityTraffic(List<KeyValue<String, String>> records, Map<String, Set<String>> expectedAlerts,
                       Map<String, Integer> transactionsPerCard) {

    static final long WINDOW_MS = 60_000;
    static final int MAX_COUNT = 5;

    static VelocityTraffic generate(int count, int cards, Instant start) {
        Random random = new Random(7);
        List<KeyValue<String, String>> records = new ArrayList<>(count);
        Map<String, Set<String>> alerts = new TreeMap<>();
        Map<String, Integer> perCard = new TreeMap<>();
        Map<String, Deque<Long>> recentTimes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String card = "card-" + random.nextInt(cards);
            String id = "tx-" + i;
            long time = start.toEpochMilli() + 40L * i;
            double amount = 10 + random.nextInt(4_000) / 100.0;
            records.add(KeyValue.pair(card, String.format(Locale.ROOT,
                    "{\"transactionId\":\"%s\",\"cardId\":\"%s\",\"amount\":%.2f,\"currency\":\"EUR\",\"merchantId\":\"m-%d\","
                            + "\"channel\":\"ECOM\",\"timestamp\":%d}", id, card, amount, random.nextInt(50), time)));
            perCard.merge(card, 1, Integer::sum);
            Deque<Long> times = recentTimes.computeIfAbsent(card, c -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst() < time - WINDOW_MS) {
                times.removeFirst();
            }
            times.addLast(time);
            if (times.size() > MAX_COUNT) {
                alerts.put(id, Set.of("VELOCITY"));
            }
        }
        return new VelocityTraffic(List.copyOf(records), alerts, perCard);
    }
}
