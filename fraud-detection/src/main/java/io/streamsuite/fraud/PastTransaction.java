package io.streamsuite.fraud;

/**
 * What a card's history remembers of one transaction: only what the rules look at, to keep the per-card state small.
 *
 * @param time      event time, epoch milliseconds
 * @param latitude  null when the transaction had no location
 * @param longitude null when the transaction had no location
 */
public record PastTransaction(String transactionId, long time, double amount, Double latitude, Double longitude) {

    static PastTransaction of(Transaction tx) {
        return new PastTransaction(tx.transactionId(), tx.timestamp(), tx.amount(), tx.latitude(), tx.longitude());
    }

    /** Whether both coordinates are known. */
    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
