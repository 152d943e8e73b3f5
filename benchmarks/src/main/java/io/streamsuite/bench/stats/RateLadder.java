package io.streamsuite.bench.stats;

/**
 * The offered rates of the search for a variant's sustainable maximum: start low, multiply by {@code factor} after
 * each step the variant sustained, stop at the first it did not; the maximum is the last rate sustained.
 */
public final class RateLadder {

    private final double factor;
    private final int maxSteps;
    private double current;
    private double lastSustained;
    private int steps;
    private boolean done;

    /**
     * @param start    the first rate offered, records per second
     * @param factor   how much each step raises the rate, e.g. 1.25
     * @param maxSteps the most steps tried (the search ends sustained at the last one)
     */
    public RateLadder(double start, double factor, int maxSteps) {
        if (!(start > 0) || !(factor > 1) || maxSteps < 1) {
            throw new IllegalArgumentException("Need start > 0, factor > 1, maxSteps >= 1: " + start + ", " + factor
                    + ", " + maxSteps);
        }
        this.current = start;
        this.factor = factor;
        this.maxSteps = maxSteps;
    }

    /** The rate of the step to run now. */
    public double current() {
        return current;
    }

    public boolean done() {
        return done;
    }

    /** Records the verdict of the current step and moves to the next rate, or ends the search. */
    public void record(boolean sustained) {
        if (done) {
            throw new IllegalStateException("The search has ended");
        }
        steps++;
        if (sustained) {
            lastSustained = current;
            current = current * factor;
        }
        done = !sustained || steps >= maxSteps;
    }

    /** The highest rate sustained; 0 when not even the first was. */
    public double sustainable() {
        return lastSustained;
    }
}
