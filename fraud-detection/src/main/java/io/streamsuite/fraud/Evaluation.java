package io.streamsuite.fraud;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one transaction and the card's history after it, which the topology stores back.
 *
 * @param fired     the rules that fired, in {@link RuleName} order; empty when the transaction looks fine
 * @param reasons   one reason per fired rule, in the same order
 * @param riskScore 0 to 100, see {@link RiskScore}
 * @param history   the card's history including this transaction (and its alert, if any)
 */
public record Evaluation(List<RuleName> fired, List<String> reasons, int riskScore, CardHistory history) {

    public Evaluation {
        fired = List.copyOf(fired);
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(history, "history");
        if (fired.size() != reasons.size()) {
            throw new IllegalArgumentException(fired.size() + " rules fired but " + reasons.size() + " reasons given");
        }
    }

    /** Whether the transaction deserves an alert. */
    public boolean flagged() {
        return !fired.isEmpty();
    }
}
