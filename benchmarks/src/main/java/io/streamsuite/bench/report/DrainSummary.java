package io.streamsuite.bench.report;

import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.stats.Spread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The repeats of one variant on one input under one guarantee, summarised: medians and spreads. */
record DrainSummary(String input, String variant, String guarantee, Spread recordsPerSecond, Spread appCpuPerMillion,
                    Spread brokerCpuPerMillion, double writtenRecords, double writtenBytes, long peakRssBytes) {

    /** One summary per (input, variant, guarantee), in the order the drains first ran. */
    static List<DrainSummary> of(List<DrainResult> drains) {
        Map<String, List<DrainResult>> groups = new LinkedHashMap<>();
        for (DrainResult drain : drains) {
            groups.computeIfAbsent(drain.input() + "|" + drain.variant() + "|" + drain.guarantee(),
                    key -> new ArrayList<>()).add(drain);
        }
        List<DrainSummary> summaries = new ArrayList<>();
        for (List<DrainResult> group : groups.values()) {
            DrainResult first = group.get(0);
            summaries.add(new DrainSummary(first.input(), first.variant(), first.guarantee(),
                    spread(group, DrainResult::recordsPerSecond), spread(group, DrainResult::appCpuPerMillion),
                    spread(group, DrainResult::brokerCpuPerMillion),
                    spread(group, d -> d.writes().totalRecords()).median(),
                    spread(group, d -> d.writes().totalBytes()).median(),
                    group.stream().mapToLong(DrainResult::peakRssBytes).max().orElse(0)));
        }
        return summaries;
    }

    private static Spread spread(List<DrainResult> group, ToDoubleFunction<DrainResult> value) {
        return Spread.of(group.stream().map(value::applyAsDouble).toList());
    }

    /** The same variant's summary under this guarantee for another variant name, if it ran. */
    static java.util.Optional<DrainSummary> find(List<DrainSummary> all, String input, String variant,
                                                 String guarantee) {
        return all.stream().filter(s -> s.input().equals(input) && s.variant().equals(variant)
                && s.guarantee().equals(guarantee)).findFirst();
    }
}
