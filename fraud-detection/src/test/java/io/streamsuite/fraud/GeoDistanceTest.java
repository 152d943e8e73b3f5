package io.streamsuite.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeoDistanceTest {

    @Test
    void parisToLondon() {
        assertThat(GeoDistance.haversineKm(48.8566, 2.3522, 51.5074, -0.1278)).isCloseTo(343.5, within(0.5));
    }

    @Test
    void quarterMeridianFromTheEquatorToThePole() {
        assertThat(GeoDistance.haversineKm(0, 0, 90, 0)).isCloseTo(10_007.5, within(0.1));
    }

    @Test
    void oneDegreeOfLongitudeAlongTheEquator() {
        assertThat(GeoDistance.haversineKm(0, 0, 0, 1)).isCloseTo(111.195, within(0.001));
    }

    @Test
    void samePlaceIsZero() {
        assertThat(GeoDistance.haversineKm(48.8566, 2.3522, 48.8566, 2.3522)).isZero();
    }

    @Test
    void distanceIsSymmetric() {
        assertThat(GeoDistance.haversineKm(51.5074, -0.1278, 40.7128, -74.0060))
                .isEqualTo(GeoDistance.haversineKm(40.7128, -74.0060, 51.5074, -0.1278));
    }

    @Test
    void antipodesAreHalfTheCircumferenceNotNaN() {
        assertThat(GeoDistance.haversineKm(0, 0, 0, 180))
                .isCloseTo(Math.PI * GeoDistance.EARTH_RADIUS_KM, within(1e-6));
        // a pair where rounding lifts the haversine term just above 1
        assertThat(GeoDistance.haversineKm(1.379, -3.078, -1.379, 176.922))
                .isCloseTo(Math.PI * GeoDistance.EARTH_RADIUS_KM, within(1e-6));
    }

    @Test
    void crossingTheAntimeridianTakesTheShortWay() {
        assertThat(GeoDistance.haversineKm(0, 179.5, 0, -179.5)).isCloseTo(111.195, within(0.001));
    }
}
