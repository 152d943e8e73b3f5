package io.streamsuite.fraud;

import java.util.Optional;

/**
 * Flags a card that is in two places too far apart for the time between them: the distance to the card's previous
 * located transaction by event time exceeds {@code min-distance-km} and the implied speed {@code max-speed-kmh}.
 *
 * <p>The previous located transaction is compared even when unlocated ones (online payments) came in between,
 * since they say nothing about where the card was. Two transactions at the same time in different places imply
 * an infinite speed.
 */
public final class ImpossibleTravelRule implements Rule {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    @Override
    public RuleName name() {
        return RuleName.IMPOSSIBLE_TRAVEL;
    }

    @Override
    public Optional<String> evaluate(Transaction tx, CardHistory history, RuleConfig config, BlocklistView blocklist) {
        if (!tx.hasLocation()) {
            return Optional.empty();
        }
        ImpossibleTravelConfig travel = (ImpossibleTravelConfig) config;
        long time = tx.timestamp();
        Optional<PastTransaction> previous = history.lastLocatedAtOrBefore(time);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        PastTransaction from = previous.get();
        double km = GeoDistance.haversineKm(from.latitude(), from.longitude(), tx.latitude(), tx.longitude());
        if (km <= travel.minDistanceKm()) {
            return Optional.empty();
        }
        long elapsed = time - from.time();
        double speed = elapsed == 0 ? Double.POSITIVE_INFINITY : km / (elapsed / MILLIS_PER_HOUR);
        if (speed <= travel.maxSpeedKmh()) {
            return Optional.empty();
        }
        String limit = ReasonText.limit(travel.maxSpeedKmh());
        if (elapsed == 0) {
            return Optional.of(Math.round(km) + " km from the previous transaction at the same time: infinite speed"
                    + " (limit " + limit + " km/h)");
        }
        return Optional.of(Math.round(km) + " km from the previous transaction " + ReasonText.elapsed(elapsed)
                + " earlier: " + Math.round(speed) + " km/h (limit " + limit + ")");
    }
}
