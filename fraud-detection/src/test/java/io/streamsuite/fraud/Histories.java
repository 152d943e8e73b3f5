package io.streamsuite.fraud;

/** Card histories for rule tests, built the way the evaluator builds them. */
final class Histories {

    private Histories() {
    }

    static CardHistory of(FraudRules rules, Transaction... transactions) {
        CardHistory history = CardHistory.empty();
        for (Transaction tx : transactions) {
            history = history.record(tx, rules.retention(), rules.amountsKept(), rules.historyCap());
        }
        return history;
    }

    static CardHistory of(Transaction... transactions) {
        return of(FraudRules.defaults(), transactions);
    }
}
