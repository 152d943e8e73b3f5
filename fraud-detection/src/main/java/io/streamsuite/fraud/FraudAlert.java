package io.streamsuite.fraud;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One record of the {@code fraud-alerts} topic: a flagged transaction with every rule that fired on it.
 *
 * @param alertId    derived from the card and transaction ids, so reprocessing the same transaction (a replay after
 *                   a reset, a retry under at-least-once) yields the same id and consumers can deduplicate
 * @param rules      the names of the rules that fired, in {@link RuleName} order
 * @param riskScore  0 to 100, see {@link RiskScore}
 * @param reasons    one human-readable reason per rule, in the same order, with the figures that fired
 * @param eventTime  the transaction's event time, epoch milliseconds
 * @param detectedAt the wall-clock time the alert was raised, epoch milliseconds
 */
public record FraudAlert(String alertId, String transactionId, String cardId, double amount, String currency,
                         String merchantId, List<String> rules, int riskScore, List<String> reasons, long eventTime,
                         long detectedAt) {

    public FraudAlert {
        rules = List.copyOf(rules);
        reasons = List.copyOf(reasons);
    }

    /** The alert for a transaction the evaluation flagged. */
    public static FraudAlert of(Transaction tx, Evaluation evaluation, long detectedAt) {
        if (!evaluation.flagged()) {
            throw new IllegalArgumentException("transaction " + tx.transactionId() + " was not flagged");
        }
        List<String> rules = evaluation.fired().stream().map(RuleName::name).toList();
        return new FraudAlert(alertId(tx), tx.transactionId(), tx.cardId(), tx.amount(), tx.currency(),
                tx.merchantId(), rules, evaluation.riskScore(), evaluation.reasons(), tx.timestamp(), detectedAt);
    }

    private static String alertId(Transaction tx) {
        byte[] name = ("fraud-alert:" + tx.cardId() + ":" + tx.transactionId()).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
