package io.streamsuite.fraud.backtest;

import io.streamsuite.fraud.RuleName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rule change did to the alerts of a range of transactions: per rule, the transactions that production flagged,
 * that the backtest flagged, and the difference both ways. Alerts are matched by transaction id and rule (not by
 * {@code alertId}, which is the same for both anyway, nor by risk score, which a weight change moves without changing
 * what is flagged). Plain Java, fed the alerts of both runs.
 *
 * @param production the rules production's alert named, by transaction id, for the compared transactions only
 * @param backtest   the same for the backtest
 */
public record AlertComparison(Map<String, Set<String>> production, Map<String, Set<String>> backtest) {

    /** The name of the row counting transactions flagged by any rule. */
    public static final String ANY_RULE = "any rule";

    /** The counts of one rule, or of {@link #ANY_RULE}. */
    public record Row(String rule, int production, int backtest, int added, int gone) {
    }

    public AlertComparison {
        production = Map.copyOf(production);
        backtest = Map.copyOf(backtest);
    }

    /**
     * Keeps only the alerts of compared transactions: warm-up transactions and alerts of transactions outside the
     * range, which the production alerts topic holds too, are not compared.
     */
    public static AlertComparison of(Map<String, Set<String>> production, Map<String, Set<String>> backtest,
                                     Set<String> compared) {
        return new AlertComparison(restrict(production, compared), restrict(backtest, compared));
    }

    /** Transactions the backtest flagged with {@code rule} and production did not, sorted. */
    public Set<String> added(String rule) {
        Set<String> added = flagged(backtest, rule);
        added.removeAll(flagged(production, rule));
        return added;
    }

    /** Transactions production flagged with {@code rule} and the backtest did not, sorted. */
    public Set<String> gone(String rule) {
        Set<String> gone = flagged(production, rule);
        gone.removeAll(flagged(backtest, rule));
        return gone;
    }

    /** One row per rule of the contract, in {@link RuleName} order, then {@link #ANY_RULE}. */
    public List<Row> rows() {
        List<String> rules = new ArrayList<>(Arrays.stream(RuleName.values()).map(RuleName::name).toList());
        rules.add(ANY_RULE);
        return rules.stream()
                .map(rule -> new Row(rule, flagged(production, rule).size(), flagged(backtest, rule).size(),
                        added(rule).size(), gone(rule).size()))
                .toList();
    }

    /** Whether the change made no difference to what is flagged. */
    public boolean unchanged() {
        return rows().stream().allMatch(row -> row.added() == 0 && row.gone() == 0);
    }

    /** How the transactions flagged by any rule score against the confirmed frauds among the compared transactions. */
    public DetectionScore score(Map<String, Set<String>> alerts, Set<String> confirmedInRange) {
        Set<String> flagged = flagged(alerts, ANY_RULE);
        Set<String> right = new TreeSet<>(flagged);
        right.retainAll(confirmedInRange);
        return new DetectionScore(flagged.size(), right.size(), confirmedInRange.size());
    }

    private static Set<String> flagged(Map<String, Set<String>> alerts, String rule) {
        Set<String> flagged = new TreeSet<>();
        alerts.forEach((transactionId, rules) -> {
            if (rule.equals(ANY_RULE) ? !rules.isEmpty() : rules.contains(rule)) {
                flagged.add(transactionId);
            }
        });
        return flagged;
    }

    private static Map<String, Set<String>> restrict(Map<String, Set<String>> alerts, Set<String> compared) {
        Map<String, Set<String>> kept = new HashMap<>();
        alerts.forEach((transactionId, rules) -> {
            if (compared.contains(transactionId)) {
                kept.put(transactionId, Set.copyOf(rules));
            }
        });
        return kept;
    }
}
