package io.streamsuite.fraud;

/** Great-circle distances between coordinates, for judging whether a card could have travelled between two uses. */
public final class GeoDistance {

    /** The IUGG mean Earth radius: the sphere that best fits the ellipsoid on average, good to about 0.5 %. */
    public static final double EARTH_RADIUS_KM = 6371.0088;

    private GeoDistance() {
    }

    /**
     * The haversine distance, numerically stable for the short distances that matter most here (the cosine formula
     * loses all precision below a few kilometres).
     *
     * @return kilometres along the sphere, from 0 to about 20 015 (half the circumference)
     */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double sinHalfDPhi = Math.sin((phi2 - phi1) / 2);
        double sinHalfDLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        double h = sinHalfDPhi * sinHalfDPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDLambda * sinHalfDLambda;
        // near antipodes rounding lifts h a few ulps above 1; asin of anything above 1 would be NaN
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1.0, h)));
    }
}
