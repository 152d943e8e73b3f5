package io.streamsuite.fraud.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** The comparison as the backtest prints it: the per-rule table, then the score against confirmed frauds if given. */
public final class BacktestReport {

    /** How many added or gone transaction ids a rule lists under the table before it only counts them. */
    static final int LISTED_IDS = 10;

    private BacktestReport() {
    }

    /**
     * @param confirmed the confirmed frauds of {@code --confirmed}, all of them; those outside the range are counted
     *                  and left out of the score
     * @param compared  the transaction ids of the range
     */
    public static List<String> render(AlertComparison comparison, Optional<Set<String>> confirmed, Set<String> compared) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-20s %10s %9s %6s %5s", "rule", "production", "backtest", "added", "gone"));
        for (AlertComparison.Row row : comparison.rows()) {
            lines.add(String.format("%-20s %10d %9d %6d %5d", row.rule(), row.production(), row.backtest(), row.added(),
                    row.gone()));
        }
        for (AlertComparison.Row row : comparison.rows()) {
            if (!row.rule().equals(AlertComparison.ANY_RULE)) {
                list(lines, row.rule() + " added", comparison.added(row.rule()));
                list(lines, row.rule() + " gone", comparison.gone(row.rule()));
            }
        }
        if (comparison.unchanged()) {
            lines.add("No difference: the backtest flagged exactly what production flagged.");
        }
        confirmed.ifPresent(all -> score(lines, comparison, all, compared));
        return lines;
    }

    private static void list(List<String> lines, String what, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> shown = ids.stream().limit(LISTED_IDS).toList();
        lines.add("  " + what + ": " + String.join(", ", shown)
                + (ids.size() > shown.size() ? " (and " + (ids.size() - shown.size()) + " more)" : ""));
    }

    private static void score(List<String> lines, AlertComparison comparison, Set<String> confirmed, Set<String> compared) {
        Set<String> inRange = new TreeSet<>(confirmed);
        inRange.retainAll(compared);
        lines.add("");
        lines.add("Confirmed frauds in the range: " + inRange.size() + (inRange.size() < confirmed.size()
                ? " (" + (confirmed.size() - inRange.size()) + " more in the file are outside it and not counted)" : ""));
        lines.add(String.format("%-20s %10s %9s %9s %6s", "", "flagged", "confirmed", "precision", "recall"));
        scoreLine(lines, "production", comparison.score(comparison.production(), inRange));
        scoreLine(lines, "backtest", comparison.score(comparison.backtest(), inRange));
    }

    private static void scoreLine(List<String> lines, String run, DetectionScore score) {
        lines.add(String.format("%-20s %10d %9d %9s %6s", run, score.flagged(), score.flaggedConfirmed(),
                ratio(score.precision()), ratio(score.recall())));
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format("%.2f", value.getAsDouble()) : "n/a";
    }
}
