package io.streamsuite.bench.report;

import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The report's PNG charts, drawn with XChart (no display needed). */
final class Charts {

    private Charts() {
    }

    /** Records per second of each variant, one group of bars per input topic. */
    static void throughput(List<DrainResult> drains, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520)
                .title("Drain throughput, one stream thread (records/s, higher is better)")
                .xAxisTitle("input topic").yAxisTitle("records/s").build();
        style(chart);
        Set<String> inputs = new LinkedHashSet<>();
        Set<String> series = new LinkedHashSet<>();
        for (DrainResult drain : drains) {
            inputs.add(drain.input());
            series.add(seriesName(drain));
        }
        for (String name : series) {
            List<Double> values = new ArrayList<>();
            for (String input : inputs) {
                values.add(drains.stream()
                        .filter(d -> d.input().equals(input) && seriesName(d).equals(name))
                        .mapToDouble(DrainResult::recordsPerSecond).findFirst().orElse(0));
            }
            chart.addSeries(name, new ArrayList<>(inputs), values);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** p50, p99 and p99.9 of each latency run. */
    static void latency(List<LatencyResult> latencies, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(640)
                .title("End-to-end latency at a fixed offered rate, read_committed (ms)")
                .xAxisTitle("variant, guarantee, % of its max throughput").yAxisTitle("ms").build();
        style(chart);
        // upright labels sit under their own bars; slanted ones this long look as if they named the neighbour
        chart.getStyler().setXAxisLabelRotation(90);
        List<String> runs = latencies.stream()
                .map(l -> l.variant() + " " + shortName(l.guarantee()) + " " + l.percentOfMax() + "%").toList();
        chart.addSeries("p50", runs, latencies.stream().map(LatencyResult::p50Ms).toList());
        chart.addSeries("p99", runs, latencies.stream().map(LatencyResult::p99Ms).toList());
        chart.addSeries("p99.9", runs, latencies.stream().map(LatencyResult::p999Ms).toList());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    private static String seriesName(DrainResult drain) {
        boolean app = !List.of("raw-consume", "raw-pipe", "pass-through").contains(drain.variant());
        String name = !app ? drain.variant() : drain.variant().contains(" (")
                ? "app" + drain.variant().substring(drain.variant().indexOf(" (")) : "app";
        return "-".equals(drain.guarantee()) ? name : name + " " + shortName(drain.guarantee());
    }

    static String shortName(String guarantee) {
        return switch (guarantee) {
            case "at_least_once" -> "alos";
            case "exactly_once_v2" -> "eos";
            default -> guarantee;
        };
    }
}
