package io.streamsuite.devkit.generate;

/**
 * The times of a stream of arrivals (cards joining, sessions, scenarios), kept to fractions of a millisecond so that
 * high rates are not rounded away: at 2000 per second most gaps are below a millisecond.
 */
final class Arrivals {

    private final Draws draws;
    private double at;

    Arrivals(long start, Draws draws) {
        this.at = start;
        this.draws = draws;
    }

    /** The next arrival, an exponential wait with the given mean after the last one. */
    long next(double meanGapMillis) {
        at += draws.exponential(meanGapMillis);
        return (long) Math.ceil(at);
    }
}
