package io.streamsuite.devkit.generate;

import io.streamsuite.devkit.generate.FraudWorld.City;
import io.streamsuite.devkit.generate.FraudWorld.Merchant;
import io.streamsuite.devkit.generate.FraudWorld.Point;
import io.streamsuite.fraud.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * A card and its holder's habits, which never change: a home city, a few favourite shops near home, an online shop
 * or two, an ATM, a typical amount, and how often they pay online or withdraw cash.
 *
 * <p>Its everyday purchases cost 3.00 to 95.00 (card testing needs less than 2.00, an amount spike at least 100),
 * happen at its favourite shops (all in its city) or online, and are at least 3 minutes apart (velocity needs 6
 * within 60 s): they keep clear of every rule with a margin.
 */
final class FraudCard {

    static final double MIN_AMOUNT = 3.00;
    static final double MAX_AMOUNT = 95.00;

    private final String id;
    private final City city;
    private final Point home;
    private final List<Merchant> shops;
    private final List<Merchant> online;
    private final Merchant atm;
    private final double typicalAmount;
    private final double onlineShare;
    private final double cashShare;

    FraudCard(String id, City city, FraudWorld world, Draws draws) {
        this.id = id;
        this.city = city;
        this.home = FraudWorld.near(city.centre(), FraudWorld.CITY_RADIUS_KM, draws);
        List<Merchant> cityShops = new ArrayList<>(world.shops(city));
        List<Merchant> favourites = new ArrayList<>();
        for (int n = draws.between(3, 6); n > 0; n--) {
            favourites.add(cityShops.remove(draws.index(cityShops.size())));
        }
        this.shops = List.copyOf(favourites);
        List<Merchant> webShops = new ArrayList<>(world.online());
        this.online = List.of(webShops.remove(draws.index(webShops.size())),
                webShops.remove(draws.index(webShops.size())));
        this.atm = draws.pick(world.atms(city));
        this.typicalAmount = draws.uniform(12, 60);
        this.onlineShare = draws.uniform(0.1, 0.45);
        this.cashShare = draws.uniform(0.02, 0.1);
    }

    String id() {
        return id;
    }

    City city() {
        return city;
    }

    Point home() {
        return home;
    }

    /** Where the holder shops in person. */
    List<Merchant> shops() {
        return shops;
    }

    List<Merchant> online() {
        return online;
    }

    /** An everyday purchase by the holder: in a favourite shop, online or at the ATM. */
    Purchase everyday(Draws draws) {
        double draw = draws.uniform(0, 1);
        if (draw < cashShare) {
            return new Purchase(atm, city, 20.0 * draws.between(1, 4));
        }
        Merchant merchant = draw < cashShare + onlineShare ? draws.pick(online) : draws.pick(shops);
        return new Purchase(merchant, city, usualAmount(draws));
    }

    /** An amount as the holder usually spends. */
    double usualAmount(Draws draws) {
        double amount = typicalAmount * draws.uniform(0.5, 1.6);
        return Draws.cents(Math.max(MIN_AMOUNT, Math.min(MAX_AMOUNT, amount)));
    }

    /** A purchase before it is a transaction: where, in which city (country and currency), and how much. */
    record Purchase(Merchant merchant, City where, double amount) {

        Transaction toTransaction(String transactionId, String cardId, long time) {
            Point point = merchant.point();
            String digits = cardId.substring(cardId.indexOf('-') + 1);
            return new Transaction(transactionId, cardId, "acct-" + digits, "cust-" + digits, merchant.id(),
                    merchant.category(), where.country(), merchant.channel(), amount, where.currency(),
                    point == null ? null : point.latitude(), point == null ? null : point.longitude(), time);
        }
    }
}
