package io.streamsuite.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Card traffic that looks like real shopping, with frauds injected into it and the alerts they must raise: the
 * ground truth for a test that runs the fraud app end to end and checks that exactly the injected frauds are
 * alerted. The same seed, card count and start always give the same traffic, so a failure can be replayed.
 *
 * <p>Ordinary traffic keeps clear of every rule at the contract's defaults, with margins rather than on the edges:
 * a card's purchases are at least {@value #MIN_GAP_MINUTES} minutes apart (velocity needs 6 within 60 s), cost 20 to
 * 80 (a spike needs 100, card testing less than 2.00) and happen within {@value #NEAR_KM} km of the card's home
 * (travel needs more than 100 km between two). Each fraud is injected on cards of its own, one kind per card, so
 * that the rules it must fire follow from the scenario alone. They are worked out here by construction, not by
 * running {@link FraudEvaluator}, which the tests use as the independent check.
 */
public final class FraudTraffic {

    /** What happens on a card besides ordinary shopping. */
    public enum Scenario {
        NONE,
        /** A burst of 7 purchases within 30 s: the 6th and 7th are VELOCITY. */
        VELOCITY,
        /** One purchase of 12 times the card's mean amount: AMOUNT_SPIKE. */
        AMOUNT_SPIKE,
        /** A purchase more than 3000 km from home 30 min after one at home: IMPOSSIBLE_TRAVEL. */
        IMPOSSIBLE_TRAVEL,
        /** One ordinary purchase at a blocklisted merchant: BLOCKLISTED_MERCHANT. */
        BLOCKLISTED_MERCHANT,
        /** The card is on the blocklist: every one of its transactions is BLOCKLISTED_CARD. */
        BLOCKLISTED_CARD,
        /** 4 online payments of 0.50 to 1.50 within 5 min: the 3rd and 4th are CARD_TESTING. */
        CARD_TESTING,
        /** An amount spike at a blocklisted merchant: two rules on one transaction. */
        SPIKE_AT_BLOCKLISTED_MERCHANT;

        boolean injectsFraud() {
            return this != NONE && this != BLOCKLISTED_CARD;
        }
    }

    /** Cards per fraud scenario: several, so that one lucky hit does not pass for a working rule. */
    public static final int CARDS_PER_SCENARIO = 5;
    /** Cards with some fraud; the rest, at least as many, shop normally. */
    public static final int FRAUD_CARDS = CARDS_PER_SCENARIO * (Scenario.values().length - 1);
    /** How many ordinary transactions a card makes, besides any fraud. */
    public static final int MIN_ORDINARY = 8;
    public static final int MAX_ORDINARY = 20;
    /** Ordinary transactions before a fraud: the amount spike needs 5 previous ones, one more for margin. */
    public static final int HISTORY_BEFORE_FRAUD = 6;
    /** One card in this many is produced keyed by account id, for the app to re-key. */
    public static final int REKEY_EVERY = 5;

    static final int MIN_GAP_MINUTES = 3;
    /** How far a card's home is from its city's centre, and its purchases from its home (or a trip's city). */
    static final int HOME_KM = 10;
    static final int NEAR_KM = 3;

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** How far apart in time the cards start, so that they do not all shop in step. */
    private static final long START_SPREAD = 12 * HOUR;
    private static final long MAX_GAP = 4 * HOUR;
    private static final double SPIKE_FACTOR = 12;
    /** What the spike rule averages over: the last 20 previous amounts. */
    private static final int SPIKE_HISTORY = 20;
    private static final double MIN_TRIP_KM = 3000;
    /** Gets a traveller home with airports at both ends; well below the 900 km/h the travel rule allows. */
    private static final double TRIP_SPEED_KMH = 600;
    private static final long MIN_TIME_AWAY = 6 * HOUR;
    private static final double TRAVEL_MIN_KM = 100;
    private static final double TRAVEL_MAX_KMH = 900;
    private static final double KM_PER_DEGREE = 2 * Math.PI * GeoDistance.EARTH_RADIUS_KM / 360;

    /** Homes for cards; currencies where 20 to 80 is an ordinary purchase. */
    private static final List<City> CITIES = List.of(
            new City("Paris", "FR", "EUR", 48.8566, 2.3522),
            new City("Berlin", "DE", "EUR", 52.5200, 13.4050),
            new City("Madrid", "ES", "EUR", 40.4168, -3.7038),
            new City("Rome", "IT", "EUR", 41.9028, 12.4964),
            new City("Amsterdam", "NL", "EUR", 52.3676, 4.9041),
            new City("Vienna", "AT", "EUR", 48.2082, 16.3738),
            new City("Lisbon", "PT", "EUR", 38.7223, -9.1393),
            new City("Dublin", "IE", "EUR", 53.3498, -6.2603),
            new City("London", "GB", "GBP", 51.5074, -0.1278),
            new City("Zurich", "CH", "CHF", 47.3769, 8.5417),
            new City("New York", "US", "USD", 40.7128, -74.0060),
            new City("Chicago", "US", "USD", 41.8781, -87.6298),
            new City("Toronto", "CA", "CAD", 43.6532, -79.3832),
            new City("Sydney", "AU", "AUD", -33.8688, 151.2093),
            new City("Singapore", "SG", "SGD", 1.3521, 103.8198));

    private static final List<String> SHOP_CATEGORIES =
            List.of("5411", "5812", "5814", "5541", "5912", "5311", "5651", "5732");
    private static final List<String> ONLINE_CATEGORIES = List.of("5964", "5815", "5818", "4722");
    private static final String ATM_CATEGORY = "6011";
    private static final List<String> MERCHANT_BLOCK_REASONS =
            List.of("chargeback fraud ring", "merchant account taken over", "skimming device found at terminal");

    private final List<Transaction> transactions;
    private final Map<String, Set<RuleName>> expectedAlerts;
    private final Map<String, String> blocklist;
    private final Set<String> rekeyedCards;
    private final Map<String, Scenario> scenarios;

    private FraudTraffic(List<Transaction> transactions, Map<String, Set<RuleName>> expectedAlerts,
                         Map<String, String> blocklist, Set<String> rekeyedCards, Map<String, Scenario> scenarios) {
        this.transactions = List.copyOf(transactions);
        this.expectedAlerts = Collections.unmodifiableMap(expectedAlerts);
        this.blocklist = Collections.unmodifiableMap(blocklist);
        this.rekeyedCards = Collections.unmodifiableSet(rekeyedCards);
        this.scenarios = Collections.unmodifiableMap(scenarios);
    }

    /**
     * @param seed  what makes the traffic different from other runs, and the same on a rerun
     * @param cards how many cards shop, at least {@code 2 * FRAUD_CARDS} so that most traffic is ordinary
     * @param start the earliest event time; the traffic spans a few days after it
     */
    public static FraudTraffic generate(long seed, int cards, Instant start) {
        if (cards < 2 * FRAUD_CARDS) {
            throw new IllegalArgumentException("cards must be at least " + 2 * FRAUD_CARDS + ", was " + cards);
        }
        return new Generator(new Random(seed), start.toEpochMilli()).run(cards);
    }

    /** Every transaction in the order to produce them: by event time, so the app never sees one late. */
    public List<Transaction> transactions() {
        return transactions;
    }

    /** Transaction id to exactly the rules that must fire on it, for every transaction that must be alerted. */
    public Map<String, Set<RuleName>> expectedAlerts() {
        return expectedAlerts;
    }

    /**
     * What to publish on {@code fraud-blocklist} before the transactions: {@code merchant:<id>} or {@code card:<id>}
     * to the reason.
     */
    public Map<String, String> blocklist() {
        return blocklist;
    }

    /** Cards whose transactions are all produced keyed by account id instead of card id. */
    public Set<String> rekeyedCards() {
        return rekeyedCards;
    }

    /** Card id to what happens on it, for every card; tells a failing test which scenario went wrong. */
    public Map<String, Scenario> scenarios() {
        return scenarios;
    }

    /**
     * The key to produce a transaction with: its card id, as the contract says, or for the re-keyed cards its account
     * id, as a producer keyed by account would, which the app must re-key. The account keeps all of a card's
     * transactions on one partition, so they reach the app in event-time order and the ground truth holds exactly; a
     * key that spreads a card over partitions (such as the transaction id) may reorder them.
     */
    public String kafkaKey(Transaction tx) {
        return rekeyedCards.contains(tx.cardId()) ? tx.accountId() : tx.cardId();
    }

    private record City(String name, String country, String currency, double latitude, double longitude) {
    }

    private record Point(double latitude, double longitude) {

        double kmTo(Point other) {
            return GeoDistance.haversineKm(latitude, longitude, other.latitude, other.longitude);
        }
    }

    private record Merchant(String id, String category, String channel) {
    }

    private record Card(String id, String accountId, String customerId, City city, Point home) {
    }

    /** A transaction before it has its id: ids are given in production order, so that they read chronologically. */
    private static final class Draft {
        final Card card;
        final long time;
        final Merchant merchant;
        final City city;
        /** Null for an online payment, which says nothing about where the card is. */
        final Point point;
        final double amount;
        final Set<RuleName> expected = EnumSet.noneOf(RuleName.class);

        Draft(Card card, long time, Merchant merchant, City city, Point point, double amount) {
            this.card = card;
            this.time = time;
            this.merchant = merchant;
            this.city = city;
            this.point = point;
            this.amount = amount;
        }

        Draft expect(RuleName rule) {
            expected.add(rule);
            return this;
        }

        Transaction toTransaction(String transactionId) {
            return new Transaction(transactionId, card.id(), card.accountId(), card.customerId(), merchant.id(),
                    merchant.category(), city.country(), merchant.channel(), amount, city.currency(),
                    point == null ? null : point.latitude(), point == null ? null : point.longitude(), time);
        }
    }

    /** One run of generation: all the state that the seeded random numbers flow through, in a fixed order. */
    private static final class Generator {
        private final Random random;
        private final long start;
        private final Map<String, List<Merchant>> usableByChannel = new TreeMap<>();
        private final List<Merchant> blocked = new ArrayList<>();
        private final Map<String, String> blocklist = new TreeMap<>();
        private final List<Draft> drafts = new ArrayList<>();
        private int blockedHits;

        Generator(Random random, long start) {
            this.random = random;
            this.start = start;
        }

        FraudTraffic run(int cardCount) {
            pickMerchants();
            List<Scenario> plan = new ArrayList<>();
            for (Scenario scenario : Scenario.values()) {
                if (scenario != Scenario.NONE) {
                    plan.addAll(Collections.nCopies(CARDS_PER_SCENARIO, scenario));
                }
            }
            plan.addAll(Collections.nCopies(cardCount - plan.size(), Scenario.NONE));
            Collections.shuffle(plan, random);

            Map<String, Scenario> scenarios = new TreeMap<>();
            Set<String> rekeyed = new TreeSet<>();
            Map<Scenario, Integer> seen = new EnumMap<>(Scenario.class);
            for (int n = 1; n <= cardCount; n++) {
                Scenario scenario = plan.get(n - 1);
                City city = CITIES.get(random.nextInt(CITIES.size()));
                Card card = new Card(String.format("card-%04d", n), String.format("acct-%04d", n),
                        String.format("cust-%04d", n), city, near(centre(city), HOME_KM));
                scenarios.put(card.id(), scenario);
                // every fifth card of each scenario, not a random fifth: then every scenario is re-keyed at least once
                if (seen.merge(scenario, 1, Integer::sum) % REKEY_EVERY == 1) {
                    rekeyed.add(card.id());
                }
                if (scenario == Scenario.BLOCKLISTED_CARD) {
                    blocklist.put("card:" + card.id(), "reported stolen");
                }
                shop(card, scenario);
            }

            drafts.sort(Comparator.<Draft>comparingLong(d -> d.time).thenComparing(d -> d.card.id()));
            List<Transaction> transactions = new ArrayList<>(drafts.size());
            Map<String, Set<RuleName>> expected = new LinkedHashMap<>();
            for (Draft draft : drafts) {
                Transaction tx = draft.toTransaction(String.format("tx-%06d", transactions.size() + 1));
                transactions.add(tx);
                if (!draft.expected.isEmpty()) {
                    expected.put(tx.transactionId(), Collections.unmodifiableSet(EnumSet.copyOf(draft.expected)));
                }
            }
            return new FraudTraffic(transactions, expected, blocklist, rekeyed, scenarios);
        }

        /** A fixed pool of merchants of which the seed blocks a few: two online shops and one shop with a till. */
        private void pickMerchants() {
            List<Merchant> shops = new ArrayList<>();
            List<Merchant> online = new ArrayList<>();
            List<Merchant> atms = new ArrayList<>();
            for (int n = 1; n <= 50; n++) {
                String id = String.format("m-%03d", n);
                switch (n % 10) {
                    case 6, 7, 8 -> online.add(new Merchant(id, ONLINE_CATEGORIES.get(n % 4), "ECOM"));
                    case 9 -> atms.add(new Merchant(id, ATM_CATEGORY, "ATM"));
                    default -> shops.add(new Merchant(id, SHOP_CATEGORIES.get(n % 8), "POS"));
                }
            }
            Collections.shuffle(shops, random);
            Collections.shuffle(online, random);
            blocked.add(online.remove(0));
            blocked.add(shops.remove(0));
            blocked.add(online.remove(0));
            for (int i = 0; i < blocked.size(); i++) {
                blocklist.put("merchant:" + blocked.get(i).id(), MERCHANT_BLOCK_REASONS.get(i));
            }
            usableByChannel.put("POS", shops);
            usableByChannel.put("ECOM", online);
            usableByChannel.put("ATM", atms);
        }

        /** A card's whole life: ordinary transactions with the scenario's fraud somewhere after the first six. */
        private void shop(Card card, Scenario scenario) {
            int ordinary = MIN_ORDINARY + random.nextInt(MAX_ORDINARY - MIN_ORDINARY + 1);
            // at least HISTORY_BEFORE_FRAUD ordinary ones before it and at least one after, which for a trip is the
            // way home
            int fraudAt = scenario.injectsFraud()
                    ? HISTORY_BEFORE_FRAUD + random.nextInt(ordinary - HISTORY_BEFORE_FRAUD)
                    : -1;
            List<Draft> own = new ArrayList<>();
            long time = start + random.nextLong(START_SPREAD);
            for (int i = 0; i < ordinary; i++) {
                if (i == fraudAt) {
                    time = injectFraud(card, scenario, own, time);
                }
                // a trip is measured from where the card was last seen: make that a visit to a shop at home
                own.add(ordinary(card, time, scenario == Scenario.IMPOSSIBLE_TRAVEL && i == fraudAt - 1));
                time += gap();
            }
            if (scenario == Scenario.BLOCKLISTED_CARD) {
                own.forEach(draft -> draft.expect(RuleName.BLOCKLISTED_CARD));
            }
            if (scenario == Scenario.IMPOSSIBLE_TRAVEL) {
                expectWayHome(own);
            }
            drafts.addAll(own);
        }

        /**
         * Adds the scenario's fraud, due no earlier than {@code time}, to {@code own}.
         *
         * @return when the card's next ordinary transaction is due
         */
        private long injectFraud(Card card, Scenario scenario, List<Draft> own, long time) {
            switch (scenario) {
                case VELOCITY -> {
                    for (int n = 1; n <= 7; n++) {
                        time += n == 1 ? 0 : random.nextLong(2 * SECOND, 5 * SECOND + 1);
                        Draft draft = atHome(card, time, usable("POS"), ordinaryAmount());
                        // the ordinary transactions are over 60 s away: the burst alone counts, limit 5
                        own.add(n > 5 ? draft.expect(RuleName.VELOCITY) : draft);
                    }
                }
                case AMOUNT_SPIKE, SPIKE_AT_BLOCKLISTED_MERCHANT -> {
                    boolean atBlocked = scenario == Scenario.SPIKE_AT_BLOCKLISTED_MERCHANT;
                    Merchant merchant = atBlocked ? nextBlocked() : usable("POS");
                    // the mean is at least 20, so 12 times it is far past both 5 times the mean and 100
                    double amount = cents(SPIKE_FACTOR * meanOfLast(own, SPIKE_HISTORY));
                    Draft draft = atHome(card, time, merchant, amount).expect(RuleName.AMOUNT_SPIKE);
                    own.add(atBlocked ? draft.expect(RuleName.BLOCKLISTED_MERCHANT) : draft);
                }
                case BLOCKLISTED_MERCHANT -> own.add(atHome(card, time, nextBlocked(), ordinaryAmount())
                        .expect(RuleName.BLOCKLISTED_MERCHANT));
                case CARD_TESTING -> {
                    for (int n = 1; n <= 4; n++) {
                        // at least 15 s apart, so 4 of them never come near the velocity limit; within 5 min in all
                        time += n == 1 ? 0 : random.nextLong(15 * SECOND, 90 * SECOND + 1);
                        Draft draft = atHome(card, time, usable("ECOM"), cents(0.50 + random.nextDouble()));
                        own.add(n >= 3 ? draft.expect(RuleName.CARD_TESTING) : draft);
                    }
                }
                case IMPOSSIBLE_TRAVEL -> {
                    Draft lastSeen = own.get(own.size() - 1);
                    List<City> far = CITIES.stream()
                            .filter(city -> lastSeen.point.kmTo(centre(city)) > MIN_TRIP_KM + NEAR_KM)
                            .toList();
                    City away = far.get(random.nextInt(far.size()));
                    time = lastSeen.time + 30 * MINUTE;
                    Draft trip = new Draft(card, time, usable("POS"), away,
                            near(centre(away), NEAR_KM), ordinaryAmount());
                    own.add(trip.expect(RuleName.IMPOSSIBLE_TRAVEL));
                    long flight = (long) Math.ceil(trip.point.kmTo(card.home()) / TRIP_SPEED_KMH * HOUR);
                    time += Math.max(MIN_TIME_AWAY, flight);
                }
                default -> throw new IllegalArgumentException("no fraud to inject for " + scenario);
            }
            return time + gap();
        }

        /**
         * Labels the first located transaction after the trip if getting there from the trip was impossible too.
         * The time away is chosen so that it is not, but that is worked out here, not assumed.
         */
        private static void expectWayHome(List<Draft> own) {
            int trip = 0;
            while (!own.get(trip).expected.contains(RuleName.IMPOSSIBLE_TRAVEL)) {
                trip++;
            }
            Draft away = own.get(trip);
            own.subList(trip + 1, own.size()).stream()
                    .filter(draft -> draft.point != null)
                    .findFirst()
                    .filter(back -> {
                        double km = away.point.kmTo(back.point);
                        double hours = (back.time - away.time) / (double) HOUR;
                        return km > TRAVEL_MIN_KM && km / hours > TRAVEL_MAX_KMH;
                    })
                    .ifPresent(back -> back.expect(RuleName.IMPOSSIBLE_TRAVEL));
        }

        /** An everyday transaction: mostly at shops, some online (no location), a few cash withdrawals. */
        private Draft ordinary(Card card, long time, boolean atShop) {
            double draw = atShop ? 0 : random.nextDouble();
            if (draw < 0.6) {
                return atHome(card, time, usable("POS"), ordinaryAmount());
            }
            if (draw < 0.9) {
                return atHome(card, time, usable("ECOM"), ordinaryAmount());
            }
            return atHome(card, time, usable("ATM"), 20.0 * (1 + random.nextInt(4)));
        }

        /** A transaction in the card's home city; located near home unless it is online. */
        private Draft atHome(Card card, long time, Merchant merchant, double amount) {
            Point point = merchant.channel().equals("ECOM") ? null : near(card.home(), NEAR_KM);
            return new Draft(card, time, merchant, card.city(), point, amount);
        }

        private Merchant usable(String channel) {
            List<Merchant> merchants = usableByChannel.get(channel);
            return merchants.get(random.nextInt(merchants.size()));
        }

        /** The blocked merchants in turn, so that both online and in-shop hits occur. */
        private Merchant nextBlocked() {
            return blocked.get(blockedHits++ % blocked.size());
        }

        private double ordinaryAmount() {
            return cents(20 + 60 * random.nextDouble());
        }

        /** Time to a card's next ordinary transaction: at least 3 min, so it never joins a burst. */
        private long gap() {
            return random.nextLong(MIN_GAP_MINUTES * MINUTE, MAX_GAP + 1);
        }

        /** A point uniformly within {@code radiusKm} of the given one, to about a metre. */
        private Point near(Point centre, double radiusKm) {
            // the square root spreads points evenly over the disc instead of crowding them at its centre
            double km = radiusKm * Math.sqrt(random.nextDouble());
            double bearing = 2 * Math.PI * random.nextDouble();
            double dLat = km * Math.cos(bearing) / KM_PER_DEGREE;
            double dLon = km * Math.sin(bearing) / (KM_PER_DEGREE * Math.cos(Math.toRadians(centre.latitude())));
            return new Point(round(centre.latitude() + dLat, 5), round(centre.longitude() + dLon, 5));
        }

        private static Point centre(City city) {
            return new Point(city.latitude(), city.longitude());
        }

        private static double meanOfLast(List<Draft> own, int count) {
            return own.subList(Math.max(0, own.size() - count), own.size()).stream()
                    .mapToDouble(draft -> draft.amount)
                    .average()
                    .orElseThrow();
        }

        private static double cents(double amount) {
            return round(amount, 2);
        }

        private static double round(double value, int decimals) {
            double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }
    }
}
