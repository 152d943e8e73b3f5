package io.streamsuite.devkit.generate;

import static io.streamsuite.devkit.generate.Draws.MINUTE;
import static io.streamsuite.devkit.generate.Draws.SECOND;

import io.streamsuite.devkit.generate.FraudCard.Purchase;
import io.streamsuite.devkit.generate.FraudWorld.City;
import io.streamsuite.devkit.generate.FraudWorld.Merchant;
import io.streamsuite.devkit.generate.FraudWorld.Point;
import io.streamsuite.fraud.RuleName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The frauds injected into card traffic, each on a fresh card of its own, planned in full when it starts, with the
 * rules the app must fire on each transaction worked out from the scenario (the app's defaults: 5 per 60 s, 5x the
 * mean of at least 5 previous and at least 100, 100 km at 900 km/h, 3 below 2.00 within 10 minutes).
 *
 * <p>A scenario card otherwise behaves like any card, so that only the injected fraud can fire: its other purchases
 * cost 3.00 to 95.00, are a minute or more apart and a few kilometres from the one before.
 */
final class FraudScenarios {

    /** What happens on a scenario card. */
    enum Kind {
        /** A burst of 6 to 9 purchases a few seconds apart: the 6th and later are VELOCITY. */
        VELOCITY,
        /** 5 to 7 ordinary purchases, then one of 8 to 15 times their mean: AMOUNT_SPIKE. */
        AMOUNT_SPIKE,
        /** Purchases at home, then one in a city over 3000 km away minutes later: IMPOSSIBLE_TRAVEL. */
        IMPOSSIBLE_TRAVEL,
        /** A purchase at a blocklisted merchant: BLOCKLISTED_MERCHANT. */
        BLOCKLISTED_MERCHANT,
        /** The card is reported stolen, then the thief's 1 to 3 purchases are BLOCKLISTED_CARD. */
        BLOCKLISTED_CARD,
        /** 3 to 5 online payments below 2.00 within minutes: the 3rd and later are CARD_TESTING. */
        CARD_TESTING,
        /** An amount spike at a blocklisted merchant: two rules on one transaction. */
        SPIKE_AT_BLOCKLISTED_MERCHANT
    }

    /** One planned event of a scenario. */
    sealed interface Step permits Pay, Block {
        long time();
    }

    /** A transaction, with the rules it must fire (none for an ordinary one) and why. */
    record Pay(long time, FraudCard card, Purchase purchase, List<RuleName> rules, String why) implements Step {
        Pay {
            rules = List.copyOf(rules);
        }
    }

    /** The card goes on the blocklist. */
    record Block(long time, FraudCard card, String reason) implements Step {
    }

    /** A scenario's steps in time order. */
    record Plan(Kind kind, List<Step> steps) {
        Plan {
            steps = List.copyOf(steps);
        }

        long transactions() {
            return steps.stream().filter(step -> step instanceof Pay).count();
        }
    }

    private static final List<String> CARD_BLOCK_REASONS =
            List.of("reported stolen", "reported lost", "compromised in a data breach", "counterfeit suspected");
    private static final double MIN_TRIP_KM = 3000;

    private final FraudWorld world;
    private final Draws draws;
    private final Supplier<String> cardIds;
    private final long blocklistReadyAt;
    private final List<Merchant> blockedMerchants;

    /**
     * @param blocklistReadyAt no transaction relies on a blocklisted merchant before this: the entries published at
     *                         the start need a moment to reach the app's global store
     */
    FraudScenarios(FraudWorld world, Draws draws, Supplier<String> cardIds, long blocklistReadyAt) {
        this.world = world;
        this.draws = draws;
        this.cardIds = cardIds;
        this.blocklistReadyAt = blocklistReadyAt;
        this.blockedMerchants = List.copyOf(world.blocked().keySet());
    }

    Plan plan(Kind kind, long start) {
        List<Step> steps = new ArrayList<>();
        switch (kind) {
            case VELOCITY -> velocity(start, steps);
            case AMOUNT_SPIKE -> amountSpike(start, null, steps);
            case SPIKE_AT_BLOCKLISTED_MERCHANT -> amountSpike(start, draws.pick(blockedMerchants), steps);
            case IMPOSSIBLE_TRAVEL -> travel(start, steps);
            case BLOCKLISTED_MERCHANT -> blockedMerchant(start, steps);
            case BLOCKLISTED_CARD -> blockedCard(start, steps);
            case CARD_TESTING -> cardTesting(start, steps);
        }
        return new Plan(kind, steps);
    }

    private void velocity(long start, List<Step> steps) {
        FraudCard card = freshCard(anyCity());
        long time = everyday(card, start, draws.between(0, 1), 3 * MINUTE, 6 * MINUTE, steps);
        int size = draws.between(6, 9);
        long first = time;
        for (int k = 1; k <= size; k++) {
            time += k == 1 ? 0 : draws.between(2 * SECOND, 5 * SECOND);
            Merchant merchant = draws.chance(0.7) ? draws.pick(card.online()) : draws.pick(card.shops());
            Purchase purchase = new Purchase(merchant, card.city(), card.usualAmount(draws));
            // earlier purchases are minutes before the burst: only the burst counts within 60 s
            steps.add(k > 5
                    ? fraud(time, card, purchase, List.of(RuleName.VELOCITY),
                    k + " purchases within " + seconds(time - first) + " (limit 5 within 60 s)")
                    : ordinary(time, card, purchase));
        }
    }

    private void amountSpike(long start, Merchant blocked, List<Step> steps) {
        City city = blocked != null && blocked.city() != null ? blocked.city() : anyCity();
        FraudCard card = freshCard(city);
        int history = draws.between(5, 7);
        long time = everyday(card, start, history, MINUTE, 3 * MINUTE, steps);
        double sum = 0;
        for (Step step : steps) {
            sum += ((Pay) step).purchase().amount();
        }
        double mean = sum / history;
        double amount = Draws.cents(Math.max(mean * draws.uniform(8, 15), draws.uniform(150, 450)));
        String why = "amount " + money(amount) + " is " + String.format(Locale.ROOT, "%.1f", amount / mean)
                + "x the mean " + money(mean) + " of " + history + " previous purchases (limit 5x, at least 100)";
        if (blocked == null) {
            Merchant merchant = draws.chance(0.5) ? draws.pick(card.shops()) : draws.pick(card.online());
            steps.add(fraud(time, card, new Purchase(merchant, city, amount), List.of(RuleName.AMOUNT_SPIKE), why));
        } else {
            steps.add(fraud(Math.max(time, blocklistReadyAt), card, new Purchase(blocked, city, amount),
                    List.of(RuleName.AMOUNT_SPIKE, RuleName.BLOCKLISTED_MERCHANT),
                    why + "; " + merchantWhy(blocked)));
        }
    }

    private void travel(long start, List<Step> steps) {
        City home = anyCity();
        FraudCard card = freshCard(home);
        long time = start;
        Pay last = null;
        for (int n = draws.between(1, 3); n > 0; n--) {
            last = ordinary(time, card, new Purchase(draws.pick(card.shops()), home, card.usualAmount(draws)));
            steps.add(last);
            time += draws.between(MINUTE, 4 * MINUTE);
        }
        Point from = last.purchase().merchant().point();
        List<City> far = FraudWorld.CITIES.stream()
                .filter(city -> home.centre().kmTo(city.centre()) > MIN_TRIP_KM + 2 * FraudWorld.CITY_RADIUS_KM)
                .toList();
        City away = draws.pick(far);
        time = last.time() + draws.between(3 * MINUTE, 20 * MINUTE);
        Merchant shop = draws.pick(world.shops(away));
        double km = from.kmTo(shop.point());
        double kmh = km / ((time - last.time()) / 3_600_000.0);
        if (km <= 100 || kmh <= 900) {
            throw new IllegalStateException("a trip of " + km + " km at " + kmh + " km/h is not impossible");
        }
        steps.add(fraud(time, card, new Purchase(shop, away, card.usualAmount(draws)),
                List.of(RuleName.IMPOSSIBLE_TRAVEL), String.format(Locale.ROOT,
                        "%.0f km from the previous purchase in %s %s earlier: %.0f km/h (limit 900)", km, home.name(),
                        seconds(time - last.time()), kmh)));
        if (draws.chance(0.5)) {
            // the fraudster shops on in that city: a few km from the last purchase, no longer impossible
            Merchant next = draws.pick(world.shops(away));
            steps.add(ordinary(time + draws.between(3 * MINUTE, 10 * MINUTE), card,
                    new Purchase(next, away, card.usualAmount(draws))));
        }
    }

    private void blockedMerchant(long start, List<Step> steps) {
        Merchant blocked = draws.pick(blockedMerchants);
        City city = blocked.city() != null ? blocked.city() : anyCity();
        FraudCard card = freshCard(city);
        long time = everyday(card, start, draws.between(0, 2), 3 * MINUTE, 6 * MINUTE, steps);
        time = Math.max(time, blocklistReadyAt);
        steps.add(fraud(time, card, new Purchase(blocked, city, card.usualAmount(draws)),
                List.of(RuleName.BLOCKLISTED_MERCHANT), merchantWhy(blocked)));
        everyday(card, time + draws.between(3 * MINUTE, 6 * MINUTE), draws.between(0, 1), 3 * MINUTE, 6 * MINUTE,
                steps);
    }

    private void blockedCard(long start, List<Step> steps) {
        FraudCard card = freshCard(anyCity());
        String reason = draws.pick(CARD_BLOCK_REASONS);
        // listed before its first use here: the app judges the blocklist as it is when it processes a transaction,
        // so a use before the listing would be flagged too when the app replays the topics later
        steps.add(new Block(start, card, reason));
        // the first use a minute or more after the listing, which the app must have read by then
        long time = start + draws.between(MINUTE, 4 * MINUTE);
        for (int n = draws.between(1, 3); n > 0; n--) {
            Merchant merchant = draws.chance(0.6) ? draws.pick(card.online()) : draws.pick(card.shops());
            Purchase purchase = new Purchase(merchant, card.city(), Draws.cents(draws.uniform(40, 95)));
            steps.add(fraud(time, card, purchase, List.of(RuleName.BLOCKLISTED_CARD),
                    "card " + card.id() + " is blocklisted: " + reason + " (listed " + seconds(time - start)
                            + " earlier)"));
            time += draws.between(3 * MINUTE, 6 * MINUTE);
        }
    }

    private void cardTesting(long start, List<Step> steps) {
        FraudCard card = freshCard(anyCity());
        long time = start;
        int tests = draws.between(3, 5);
        for (int k = 1; k <= tests; k++) {
            // at least 15 s apart: 5 of them never make 6 within 60 s
            time += k == 1 ? 0 : draws.between(15 * SECOND, 90 * SECOND);
            Purchase purchase = new Purchase(draws.pick(world.online()), card.city(),
                    Draws.cents(draws.uniform(0.50, 1.99)));
            steps.add(k >= 3
                    ? fraud(time, card, purchase, List.of(RuleName.CARD_TESTING),
                    k + " payments below 2.00 within " + seconds(time - start) + " (limit: 3 within 10 min)")
                    : ordinary(time, card, purchase));
        }
    }

    /** Ordinary purchases from {@code time} on, {@code gapFrom} to {@code gapTo} apart; when the next one is due. */
    private long everyday(FraudCard card, long time, int count, long gapFrom, long gapTo, List<Step> steps) {
        for (int n = 0; n < count; n++) {
            steps.add(ordinary(time, card, card.everyday(draws)));
            time += draws.between(gapFrom, gapTo);
        }
        return time;
    }

    private FraudCard freshCard(City city) {
        return new FraudCard(cardIds.get(), city, world, draws);
    }

    private City anyCity() {
        return draws.pick(FraudWorld.CITIES);
    }

    private String merchantWhy(Merchant merchant) {
        Map<Merchant, String> blocked = world.blocked();
        return "merchant " + merchant.id() + " is blocklisted: " + blocked.get(merchant);
    }

    private static Pay ordinary(long time, FraudCard card, Purchase purchase) {
        return new Pay(time, card, purchase, List.of(), null);
    }

    private static Pay fraud(long time, FraudCard card, Purchase purchase, List<RuleName> rules, String why) {
        return new Pay(time, card, purchase, rules, why);
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    private static String seconds(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }
}
