package io.streamsuite.fraud;

import java.util.List;

/**
 * How sure the detector is that a flagged transaction is fraud, from 0 to 100.
 *
 * <p>Each rule's weight is read as the probability that it alone means fraud, and the rules as independent
 * witnesses: the score is the probability that at least one is right, {@code 1 - Π(1 - w)} (a noisy-OR). Unlike a
 * sum, every further rule raises the score, yet it never passes 100 and no single weak rule can reach it.
 */
public final class RiskScore {

    private RiskScore() {
    }

    /**
     * @param fired distinct rules that fired on one transaction
     * @param rules where the weights come from
     * @return {@code round(100 × (1 − Π(1 − weight)))}, 0 when nothing fired
     */
    public static int of(List<RuleName> fired, FraudRules rules) {
        double allWrong = 1.0;
        for (RuleName rule : fired) {
            allWrong *= 1.0 - rules.config(rule).weight();
        }
        return (int) Math.round(100 * (1.0 - allWrong));
    }
}
