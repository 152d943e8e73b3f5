package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * A transaction the fraud app must flag, with exactly the rules that must fire on it.
 *
 * @param rules    rule names in the app's order
 * @param scenario what was injected on the card
 */
public record FraudTruth(String domain, String transactionId, String cardId, List<String> rules, String scenario,
                         long eventTime, String why) implements Truth {

    public FraudTruth {
        rules = List.copyOf(rules);
    }

    static FraudTruth of(String transactionId, String cardId, List<String> rules, String scenario, long eventTime,
                         String why) {
        return new FraudTruth("fraud", transactionId, cardId, rules, scenario, eventTime, why);
    }

    @Override
    public List<String> countedAs() {
        return rules;
    }
}
