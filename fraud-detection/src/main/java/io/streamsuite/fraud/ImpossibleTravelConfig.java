package io.streamsuite.fraud;

/**
 * Parameters of {@link RuleName#IMPOSSIBLE_TRAVEL}: consecutive located transactions more than
 * {@code minDistanceKm} apart may not imply a speed above {@code maxSpeedKmh}.
 */
public record ImpossibleTravelConfig(boolean enabled, double weight, double minDistanceKm, double maxSpeedKmh)
        implements RuleConfig {

    static ImpossibleTravelConfig from(SettingLookup values) {
        return new ImpossibleTravelConfig(values.get(FraudSettings.IMPOSSIBLE_TRAVEL_ENABLED),
                values.get(FraudSettings.IMPOSSIBLE_TRAVEL_WEIGHT),
                values.get(FraudSettings.IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM),
                values.get(FraudSettings.IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH));
    }
}
