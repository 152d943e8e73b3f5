package io.streamsuite.devkit.generate;

import io.streamsuite.fraud.GeoDistance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where cards shop: cities with their currencies, shops and ATMs at fixed places in each city, online merchants, and
 * the few merchants on the blocklist, which ordinary cards never use.
 *
 * <p>Every shop and ATM is within {@value #CITY_RADIUS_KM} km of its city's centre, and so is every home: two
 * purchases in one city are at most 2 x {@value #CITY_RADIUS_KM} km apart, far below the 100 km at which the travel
 * rule starts to look at speed.
 */
final class FraudWorld {

    static final double CITY_RADIUS_KM = 8;

    record City(String name, String country, String currency, double latitude, double longitude) {
        Point centre() {
            return new Point(latitude, longitude);
        }
    }

    record Point(double latitude, double longitude) {
        double kmTo(Point other) {
            return GeoDistance.haversineKm(latitude, longitude, other.latitude, other.longitude);
        }
    }

    /**
     * @param city  null for an online merchant
     * @param point null for an online merchant, which says nothing about where the card is
     */
    record Merchant(String id, String category, String channel, City city, Point point) {
    }

    /** Cities where 3 to 100 in the local currency is an everyday purchase. */
    static final List<City> CITIES = List.of(
            new City("Paris", "FR", "EUR", 48.8566, 2.3522),
            new City("Berlin", "DE", "EUR", 52.5200, 13.4050),
            new City("Madrid", "ES", "EUR", 40.4168, -3.7038),
            new City("Milan", "IT", "EUR", 45.4642, 9.1900),
            new City("Amsterdam", "NL", "EUR", 52.3676, 4.9041),
            new City("Vienna", "AT", "EUR", 48.2082, 16.3738),
            new City("Lisbon", "PT", "EUR", 38.7223, -9.1393),
            new City("Dublin", "IE", "EUR", 53.3498, -6.2603),
            new City("London", "GB", "GBP", 51.5074, -0.1278),
            new City("Manchester", "GB", "GBP", 53.4808, -2.2426),
            new City("Zurich", "CH", "CHF", 47.3769, 8.5417),
            new City("New York", "US", "USD", 40.7128, -74.0060),
            new City("Chicago", "US", "USD", 41.8781, -87.6298),
            new City("San Francisco", "US", "USD", 37.7749, -122.4194),
            new City("Toronto", "CA", "CAD", 43.6532, -79.3832),
            new City("Sydney", "AU", "AUD", -33.8688, 151.2093),
            new City("Singapore", "SG", "SGD", 1.3521, 103.8198));

    /** Grocery, restaurants, fast food, fuel, pharmacy, department store, clothing, electronics, books, bakery. */
    private static final List<String> SHOP_CATEGORIES =
            List.of("5411", "5812", "5814", "5541", "5912", "5311", "5651", "5732", "5942", "5462");
    /** Mail order, digital goods, streaming, travel agencies. */
    private static final List<String> ONLINE_CATEGORIES = List.of("5964", "5815", "5818", "4722", "5735");
    private static final String ATM_CATEGORY = "6011";
    private static final int SHOPS_PER_CITY = 14;
    private static final int ATMS_PER_CITY = 3;
    private static final int ONLINE_MERCHANTS = 16;
    private static final double KM_PER_DEGREE = 2 * Math.PI * GeoDistance.EARTH_RADIUS_KM / 360;
    private static final List<String> BLOCK_REASONS = List.of("chargeback fraud ring", "merchant account taken over",
            "skimming device found at terminal", "card-not-present fraud reports", "counterfeit goods");

    private final Map<City, List<Merchant>> shops = new LinkedHashMap<>();
    private final Map<City, List<Merchant>> atms = new LinkedHashMap<>();
    private final List<Merchant> online = new ArrayList<>();
    private final Map<Merchant, String> blocked = new LinkedHashMap<>();
    private int merchantCount;

    FraudWorld(Draws draws) {
        for (City city : CITIES) {
            List<Merchant> cityShops = new ArrayList<>();
            for (int i = 0; i < SHOPS_PER_CITY; i++) {
                cityShops.add(new Merchant(nextMerchantId(), draws.pick(SHOP_CATEGORIES), "POS", city,
                        near(city.centre(), CITY_RADIUS_KM, draws)));
            }
            shops.put(city, cityShops);
            List<Merchant> cityAtms = new ArrayList<>();
            for (int i = 0; i < ATMS_PER_CITY; i++) {
                cityAtms.add(new Merchant(nextMerchantId(), ATM_CATEGORY, "ATM", city,
                        near(city.centre(), CITY_RADIUS_KM, draws)));
            }
            atms.put(city, cityAtms);
        }
        for (int i = 0; i < ONLINE_MERCHANTS; i++) {
            online.add(new Merchant(nextMerchantId(), draws.pick(ONLINE_CATEGORIES), "ECOM", null, null));
        }
        // three online merchants and one shop in each of three cities go on the blocklist
        for (int i = 0; i < 3; i++) {
            blocked.put(online.remove(draws.index(online.size())), draws.pick(BLOCK_REASONS));
        }
        List<City> cities = new ArrayList<>(CITIES);
        for (int i = 0; i < 3; i++) {
            List<Merchant> cityShops = shops.get(cities.remove(draws.index(cities.size())));
            blocked.put(cityShops.remove(draws.index(cityShops.size())), draws.pick(BLOCK_REASONS));
        }
    }

    /** Shops of a city that are not blocklisted. */
    List<Merchant> shops(City city) {
        return shops.get(city);
    }

    List<Merchant> atms(City city) {
        return atms.get(city);
    }

    /** Online merchants that are not blocklisted. */
    List<Merchant> online() {
        return online;
    }

    /** The blocklisted merchants, with why. */
    Map<Merchant, String> blocked() {
        return blocked;
    }

    /** A point uniformly within {@code radiusKm} of the centre, to about a metre. */
    static Point near(Point centre, double radiusKm, Draws draws) {
        double km = radiusKm * Math.sqrt(draws.uniform(0, 1));
        double bearing = draws.uniform(0, 2 * Math.PI);
        double dLat = km * Math.cos(bearing) / KM_PER_DEGREE;
        double dLon = km * Math.sin(bearing) / (KM_PER_DEGREE * Math.cos(Math.toRadians(centre.latitude())));
        return new Point(Draws.round(centre.latitude() + dLat, 5), Draws.round(centre.longitude() + dLon, 5));
    }

    private String nextMerchantId() {
        return String.format("m-%04d", ++merchantCount);
    }
}
