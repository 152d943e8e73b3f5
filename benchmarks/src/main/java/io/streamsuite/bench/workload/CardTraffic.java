package io.streamsuite.bench.workload;

import io.streamsuite.fraud.Transaction;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Contract-shaped transactions of a fixed population of cards, each buying by habit: every 3 minutes plus an
 * exponential wait of 4 on average (7 minutes apart on average, as devkit's generator), in event-time order. Each card
 * has a home (coordinates, country), a usual spend and a few merchants; now and then an amount spikes or a purchase
 * comes from far away, so the rules have something to find. The same seed gives the same transactions.
 *
 * <p>Event time advances at the pace of that population (cards / 7 minutes per second), like real traffic: state grows
 * as it would in production, and windows open and close at their real pace.
 */
public final class CardTraffic implements Iterator<Keyed> {

    /** The least time between two purchases of one card. */
    public static final long MIN_GAP_MILLIS = 3 * 60_000;
    /** The mean of the exponential wait added to it. */
    public static final long MEAN_EXTRA_GAP_MILLIS = 4 * 60_000;
    /** The share of transactions whose amount is ten times the card's usual one. */
    static final double SPIKE_SHARE = 0.003;
    /** The share of transactions made far from the card's home. */
    static final double AWAY_SHARE = 0.001;
    private static final String[] CATEGORIES = {"5411", "5812", "5541", "5999", "4111", "5311", "5732"};
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "PL", "ES", "IT"};
    private static final String[] CHANNELS = {"POS", "POS", "POS", "ECOM", "ATM"};

    private record Due(long time, int card) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Integer.compare(card, other.card);
        }
    }

    private final SplittableRandom random;
    private final PriorityQueue<Due> agenda = new PriorityQueue<>();
    private final double[] usualAmount;
    private final double[] homeLat;
    private final double[] homeLon;
    private final String prefix;
    private long sequence;

    /**
     * @param cards  the population
     * @param start  the first event time; each card's first purchase falls within the mean gap after it
     * @param prefix of the card ids, e.g. {@code card-}
     */
    public CardTraffic(int cards, long start, long seed, String prefix) {
        if (cards < 1) {
            throw new IllegalArgumentException("Need at least one card, got " + cards);
        }
        this.random = new SplittableRandom(seed);
        this.prefix = prefix;
        this.usualAmount = new double[cards];
        this.homeLat = new double[cards];
        this.homeLon = new double[cards];
        long meanGap = MIN_GAP_MILLIS + MEAN_EXTRA_GAP_MILLIS;
        for (int card = 0; card < cards; card++) {
            usualAmount[card] = 5 + random.nextDouble() * 145;
            homeLat[card] = 40 + random.nextDouble() * 15;
            homeLon[card] = -5 + random.nextDouble() * 25;
            agenda.add(new Due(start + random.nextLong(meanGap), card));
        }
    }

    /** Transactions per second of event time this population makes on average. */
    public static double ratePerSecond(int cards) {
        return cards * 1000.0 / (MIN_GAP_MILLIS + MEAN_EXTRA_GAP_MILLIS);
    }

    /** The event time of the next transaction. */
    public long nextTime() {
        return agenda.peek().time();
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Keyed next() {
        Due due = agenda.poll();
        int card = due.card();
        long gap = MIN_GAP_MILLIS + (long) (-Math.log(1 - random.nextDouble()) * MEAN_EXTRA_GAP_MILLIS);
        agenda.add(new Due(due.time() + gap, card));
        String cardId = String.format("%s%07d", prefix, card);
        double amount = usualAmount[card] * (0.5 + random.nextDouble());
        if (random.nextDouble() < SPIKE_SHARE) {
            amount *= 10;
        }
        double lat = homeLat[card] + random.nextDouble() * 0.05;
        double lon = homeLon[card] + random.nextDouble() * 0.05;
        if (random.nextDouble() < AWAY_SHARE) {
            lat -= 30;
            lon += 60;
        }
        int merchant = (card * 7 + random.nextInt(5)) % 5000;
        long id = sequence++;
        Transaction tx = new Transaction("tx-" + Long.toString(id, 36) + "-" + card, cardId, "acct-" + card / 2,
                "cust-" + card / 2, "merchant-" + merchant, CATEGORIES[merchant % CATEGORIES.length],
                COUNTRIES[card % COUNTRIES.length], CHANNELS[random.nextInt(CHANNELS.length)],
                Math.round(amount * 100) / 100.0, "EUR", Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5,
                due.time());
        return new Keyed(cardId, tx, due.time());
    }
}
