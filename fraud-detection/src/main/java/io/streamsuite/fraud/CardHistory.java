package io.streamsuite.fraud;

import io.streamsuite.topologies.windowing.RunningStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one card's past tells the rules, and the profile shown for it over HTTP. Lives in a key-value store under
 * the card id (in the binary layout of {@code binary.CardHistorySerde}), so it is immutable and bounded: it grows
 * with how many transactions a card makes within the retention, up to {@code fraud.history.max-transactions}, never
 * with how many it has made in total.
 *
 * @param transactions recent transactions sorted by event time (equal times in arrival order): every one within the
 *                     retention of the newest, and at least the last few of any age for the amount mean; at most
 *                     {@code fraud.history.max-transactions}, the newest
 * @param lastLocated  the latest transaction by event time that had a location, kept beyond the retention because
 *                     travel speed matters across hours and days; null if the card was never located
 * @param amounts      count and mean of every amount the card has ever had
 * @param recentAlerts the rules that fired on the card's last {@value #RECENT_ALERTS} alerts, oldest first
 */
public record CardHistory(List<PastTransaction> transactions, PastTransaction lastLocated, RunningStats amounts,
                          List<List<String>> recentAlerts) {

    /** How many alerts the profile remembers. */
    public static final int RECENT_ALERTS = 5;

    private static final CardHistory EMPTY = new CardHistory(List.of(), null, RunningStats.empty(), List.of());

    /** Copies what is mutable; decoders hand in array lists, and the JSON of old entries nulls for missing fields. */
    public CardHistory {
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
        amounts = amounts == null ? RunningStats.empty() : amounts;
        recentAlerts = immutable(recentAlerts);
    }

    /** The history of a card never seen before. */
    public static CardHistory empty() {
        return EMPTY;
    }

    /**
     * The history with one more transaction, and without the transactions the rules no longer need.
     *
     * @param tx        a validated transaction of this card
     * @param retention how far back from the newest event time the history reaches
     * @param keepLast  how many of the latest transactions are kept even when older than the retention
     * @param maxKept   the most transactions kept in all, whatever their age: a card making thousands within the
     *                  retention must not grow one stored value without bound; wins over {@code keepLast}
     */
    public CardHistory record(Transaction tx, Duration retention, int keepLast, int maxKept) {
        if (retention.isNegative() || keepLast < 0) {
            throw new IllegalArgumentException("retention " + retention + " and keepLast " + keepLast
                    + " must not be negative");
        }
        if (maxKept < 1) {
            throw new IllegalArgumentException("maxKept must be at least 1, got " + maxKept);
        }
        PastTransaction entry = PastTransaction.of(tx);
        long time = entry.time();
        int size = transactions.size();
        int insertAt = endAt(time);
        long newest = size == 0 ? time : Math.max(time, transactions.get(size - 1).time());
        long cutoff = EventTimes.minus(newest, EventTimes.millis(retention));

        // the kept transactions are a suffix of the old ones with the new one inserted: find where it starts,
        // then copy once, without building the merged list first
        int mergedSize = size + 1;
        int first = Math.max(0, mergedSize - maxKept);
        while (first < mergedSize - keepLast && mergedTime(first, insertAt, time) < cutoff) {
            first++;
        }
        List<PastTransaction> kept = new ArrayList<>(mergedSize - first);
        for (int i = first; i < mergedSize; i++) {
            kept.add(i < insertAt ? transactions.get(i) : i == insertAt ? entry : transactions.get(i - 1));
        }
        PastTransaction located = entry.hasLocation() && (lastLocated == null || time >= lastLocated.time())
                ? entry
                : lastLocated;
        return new CardHistory(kept, located, amounts.add(entry.amount()), recentAlerts);
    }

    /** The history with one more alert in the profile, forgetting the oldest beyond {@value #RECENT_ALERTS}. */
    public CardHistory withAlert(List<String> rules) {
        int drop = Math.max(0, recentAlerts.size() + 1 - RECENT_ALERTS);
        List<List<String>> alerts = new ArrayList<>(recentAlerts.subList(drop, recentAlerts.size()));
        alerts.add(List.copyOf(rules));
        return new CardHistory(transactions, lastLocated, amounts, alerts);
    }

    /** How many kept transactions have an event time within {@code [from, to]}. */
    public int countBetween(long from, long to) {
        return countBetween(from, to, Double.POSITIVE_INFINITY);
    }

    /** How many kept transactions with an amount below {@code limit} have an event time within {@code [from, to]}. */
    public int countBelowBetween(double limit, long from, long to) {
        return countBetween(from, to, limit);
    }

    /**
     * The transaction a new one at {@code time} follows on the map: the latest located one at or before that time.
     * Empty when there is none, or when it fell out of the retention because the new one came very late.
     */
    public Optional<PastTransaction> lastLocatedAtOrBefore(long time) {
        if (lastLocated != null && lastLocated.time() <= time) {
            return Optional.of(lastLocated);
        }
        for (int i = endAt(time) - 1; i >= 0; i--) {
            if (transactions.get(i).hasLocation()) {
                return Optional.of(transactions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The kept amounts at or before {@code time}, with the mean of the latest {@code lastN} of them. */
    public PreviousAmounts amountsAtOrBefore(long time, int lastN) {
        int end = endAt(time);
        int used = Math.min(end, lastN);
        double sum = 0;
        for (int i = end - used; i < end; i++) {
            sum += transactions.get(i).amount();
        }
        return new PreviousAmounts(end, used, used == 0 ? 0.0 : sum / used);
    }

    /** The newest event time seen, empty for a new card. */
    public OptionalLong latestTime() {
        // the newest transaction is never evicted, so the last kept one is the newest ever seen
        return transactions.isEmpty()
                ? OptionalLong.empty()
                : OptionalLong.of(transactions.get(transactions.size() - 1).time());
    }

    /**
     * Whether a transaction at {@code time} comes later than the grace allows: its windows may already have lost
     * transactions, so the rules see less than its full history.
     */
    public boolean isLate(long time, Duration grace) {
        OptionalLong latest = latestTime();
        return latest.isPresent() && time < EventTimes.minus(latest.getAsLong(), EventTimes.millis(grace));
    }

    /** Every transaction the card has made. */
    public long transactionCount() {
        return amounts.count();
    }

    /** The mean amount over every transaction the card has made, 0 for a new card. */
    public double meanAmount() {
        return amounts.mean();
    }

    private int countBetween(long from, long to, double limit) {
        int count = 0;
        for (int i = endAt(to) - 1; i >= 0; i--) {
            PastTransaction past = transactions.get(i);
            if (past.time() < from) {
                break;
            }
            if (past.amount() < limit) {
                count++;
            }
        }
        return count;
    }

    /** One past the last transaction at or before {@code time}; usually the end, so it is searched from there. */
    private int endAt(long time) {
        int end = transactions.size();
        while (end > 0 && transactions.get(end - 1).time() > time) {
            end--;
        }
        return end;
    }

    /** The event time at {@code index} of the list as it is with a new transaction at {@code insertAt}. */
    private long mergedTime(int index, int insertAt, long time) {
        if (index == insertAt) {
            return time;
        }
        return transactions.get(index < insertAt ? index : index - 1).time();
    }

    private static List<List<String>> immutable(List<List<String>> alerts) {
        if (alerts == null) {
            return List.of();
        }
        List<List<String>> copy = List.copyOf(alerts);
        for (List<String> rules : copy) {
            // copyOf returns an already immutable list as it is: only copy when some inner list is mutable
            if (List.copyOf(rules) != rules) {
                return copy.stream().map(List::copyOf).toList();
            }
        }
        return copy;
    }
}
