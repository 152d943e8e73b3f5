package io.streamsuite.fraud.backtest;

import java.util.OptionalDouble;

/**
 * Flagged transactions against confirmed frauds: precision (how many flagged were frauds) and recall (how many frauds
 * were flagged). Either is undefined, not 0 or 1, when nothing was flagged or nothing confirmed.
 *
 * @param flagged          transactions flagged by any rule
 * @param flaggedConfirmed of those, the confirmed frauds
 * @param confirmed        the confirmed frauds among the compared transactions
 */
public record DetectionScore(int flagged, int flaggedConfirmed, int confirmed) {

    public OptionalDouble precision() {
        return flagged == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) flaggedConfirmed / flagged);
    }

    public OptionalDouble recall() {
        return confirmed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) flaggedConfirmed / confirmed);
    }
}
