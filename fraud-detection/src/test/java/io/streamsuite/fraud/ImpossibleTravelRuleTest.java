package io.streamsuite.fraud;

import static io.streamsuite.fraud.TransactionBuilder.T0;
import static io.streamsuite.fraud.TransactionBuilder.aTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImpossibleTravelRuleTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final FraudRules rules = FraudRules.defaults();
    private final ImpossibleTravelRule rule = new ImpossibleTravelRule();

    private Optional<String> evaluate(Transaction tx, CardHistory history) {
        return evaluate(tx, history, rules);
    }

    private Optional<String> evaluate(Transaction tx, CardHistory history, FraudRules in) {
        return rule.evaluate(tx, history, in.impossibleTravel(), BlocklistView.EMPTY);
    }

    private static Transaction paris(long millisAfterT0) {
        return located(48.8566, 2.3522, millisAfterT0);
    }

    private static Transaction london(long millisAfterT0) {
        return located(51.5074, -0.1278, millisAfterT0);
    }

    private static Transaction newYork(long millisAfterT0) {
        return located(40.7128, -74.0060, millisAfterT0);
    }

    private static Transaction located(double latitude, double longitude, long millisAfterT0) {
        return aTransaction().at(latitude, longitude).at(T0 + millisAfterT0).build();
    }

    private static Transaction online(long millisAfterT0) {
        return aTransaction().channel("ECOM").at(T0 + millisAfterT0).build();
    }

    @Test
    void parisThenNewYorkAnHourLaterIsFlagged() {
        assertThat(evaluate(newYork(HOUR), Histories.of(paris(0))))
                .contains("5837 km from the previous transaction 60 min earlier: 5837 km/h (limit 900)");
    }

    @Test
    void parisThenLondonFortyMinutesLaterIsPossible() {
        assertThat(evaluate(london(40 * MINUTE), Histories.of(paris(0)))).isEmpty();
    }

    @Test
    void firstLocatedTransactionOfACardIsNotFlagged() {
        assertThat(evaluate(newYork(HOUR), Histories.of(online(0)))).isEmpty();
    }

    @Test
    void transactionWithoutLocationIsNotFlagged() {
        assertThat(evaluate(online(HOUR), Histories.of(paris(0), newYork(10 * MINUTE)))).isEmpty();
    }

    @Test
    void unlocatedTransactionsInBetweenDoNotHideThePreviousLocation() {
        assertThat(evaluate(newYork(HOUR), Histories.of(paris(0), online(10 * MINUTE), online(20 * MINUTE))))
                .contains("5837 km from the previous transaction 60 min earlier: 5837 km/h (limit 900)");
    }

    @Test
    void previousLocationIsRememberedBeyondTheRetention() {
        CardHistory history = Histories.of(paris(0));
        for (long t = 5 * MINUTE; t < 3 * HOUR; t += 5 * MINUTE) {
            history = history.record(online(t), rules.retention(), rules.amountsKept(), rules.historyCap());
        }
        Transaction tokyo = located(35.6762, 139.6503, 3 * HOUR);

        assertThat(history.transactions()).noneMatch(PastTransaction::hasLocation);
        assertThat(evaluate(tokyo, history))
                .contains("9712 km from the previous transaction 3 h earlier: 3237 km/h (limit 900)");
    }

    @Test
    void twoPlacesAtTheSameTimeImplyAnInfiniteSpeed() {
        assertThat(evaluate(london(0), Histories.of(paris(0))))
                .contains("344 km from the previous transaction at the same time: infinite speed (limit 900 km/h)");
    }

    @Test
    void placesNoFartherApartThanTheMinimumDistanceAreNeverFlagged() {
        // about 99 km along the equator, at the same moment
        assertThat(evaluate(located(0, 0.89, 0), Histories.of(located(0, 0, 0)))).isEmpty();
    }

    @Test
    void distanceMustExceedTheMinimumStrictly() {
        double km = GeoDistance.haversineKm(0, 0, 0, 1);
        CardHistory history = Histories.of(located(0, 0, 0));
        Transaction oneDegreeEastAMinuteLater = located(0, 1, MINUTE);

        FraudRules atTheDistance = rules.withOverride(RuleName.IMPOSSIBLE_TRAVEL, true,
                Map.of("min-distance-km", Double.toString(km)));
        FraudRules justBelowTheDistance = rules.withOverride(RuleName.IMPOSSIBLE_TRAVEL, true,
                Map.of("min-distance-km", Double.toString(Math.nextDown(km))));

        assertThat(evaluate(oneDegreeEastAMinuteLater, history, atTheDistance)).isEmpty();
        assertThat(evaluate(oneDegreeEastAMinuteLater, history, justBelowTheDistance))
                .contains("111 km from the previous transaction 1 min earlier: 6672 km/h (limit 900)");
    }

    @Test
    void speedMustExceedTheLimitStrictly() {
        long elapsed = 20 * MINUTE;
        double speed = GeoDistance.haversineKm(0, 0, 0, 2) / (elapsed / 3_600_000.0);
        CardHistory history = Histories.of(located(0, 0, 0));
        Transaction twoDegreesEast = located(0, 2, elapsed);

        FraudRules atTheSpeed = rules.withOverride(RuleName.IMPOSSIBLE_TRAVEL, true,
                Map.of("max-speed-kmh", Double.toString(speed)));
        FraudRules justBelowTheSpeed = rules.withOverride(RuleName.IMPOSSIBLE_TRAVEL, true,
                Map.of("max-speed-kmh", Double.toString(Math.nextDown(speed))));

        assertThat(speed).isBetween(667.0, 668.0);
        assertThat(evaluate(twoDegreesEast, history, atTheSpeed)).isEmpty();
        assertThat(evaluate(twoDegreesEast, history, justBelowTheSpeed)).isPresent();
        assertThat(evaluate(twoDegreesEast, history)).isEmpty();
    }

    @Test
    void lateTransactionIsComparedWithItsPredecessorInEventTime() {
        CardHistory history = Histories.of(paris(0), newYork(8 * HOUR));
        Transaction berlinLate = located(52.5200, 13.4050, 30 * MINUTE);

        assertThat(evaluate(berlinLate, history))
                .contains("877 km from the previous transaction 30 min earlier: 1755 km/h (limit 900)");
    }

    @Test
    void lateTransactionIsNotComparedWithTheNewestLocation() {
        // London an hour after Paris is plausible; against New York an hour later it would not be
        CardHistory history = Histories.of(paris(0), newYork(2 * HOUR));

        assertThat(evaluate(london(HOUR), history)).isEmpty();
    }
}
