package io.streamsuite.fraud;

import java.util.List;

/**
 * What {@code GET /cards/{cardId}} shows of a card: its history as the rules see it.
 *
 * @param transactionCount    every transaction the card has made
 * @param meanAmount          their mean amount
 * @param lastTransactionTime event time of its newest transaction
 * @param lastLocation        where and when it was last located; null if never
 * @param recentAlerts        the rules that fired on its last alerts, oldest first
 */
public record CardProfile(String cardId, long transactionCount, double meanAmount, Long lastTransactionTime,
                          Location lastLocation, List<List<String>> recentAlerts) {

    /** A place and the event time the card was there. */
    public record Location(double latitude, double longitude, long time) {
    }

    public static CardProfile of(String cardId, CardHistory history) {
        PastTransaction located = history.lastLocated();
        return new CardProfile(cardId, history.transactionCount(), history.meanAmount(),
                history.latestTime().isPresent() ? history.latestTime().getAsLong() : null,
                located == null ? null : new Location(located.latitude(), located.longitude(), located.time()),
                history.recentAlerts());
    }
}
