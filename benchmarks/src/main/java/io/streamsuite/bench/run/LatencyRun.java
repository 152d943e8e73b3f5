package io.streamsuite.bench.run;

import static io.streamsuite.bench.run.RunContext.shortName;

import io.streamsuite.bench.load.LoadGenerator;
import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import io.streamsuite.bench.results.BenchResults.Step;
import io.streamsuite.bench.results.BenchResults.SustainableRate;
import io.streamsuite.bench.stats.LagVerdict;
import io.streamsuite.bench.stats.LagVerdict.LagSample;
import io.streamsuite.bench.stats.RateLadder;
import io.streamsuite.bench.stats.Spread;
import io.streamsuite.bench.workload.Keyed;
import io.streamsuite.bench.workload.Preloader;
import io.streamsuite.fraud.BlocklistEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency of fraud-detection (and of the pass-through, for scale) under open-loop load, with the load
 * generator running on the same machine throughout:
 * <ol>
 *   <li>the sustainable maximum: the variant pre-warmed at the first rate, then the offered rate raised step by step
 *       ({@link RateLadder}) until the lag stops being bounded ({@link LagVerdict});</li>
 *   <li>runs at shares of that maximum, each pre-warmed at its own rate before it counts, then counted for the run's
 *       duration; latency is read on marker transactions, sent at a fixed rate on blocklisted cards so that each
 *       makes exactly one alert, whatever the load.</li>
 * </ol>
 * Every search and every run has its own topics (input, blocklist, rules, output) and application.id, deleted after:
 * no state, blocklist entry or backlog carries from one to the next.
 */
final class LatencyRun {

    private static final int MARKER_CARDS = 16;
    private static final int MAX_STEPS = 25;
    private static final Duration LAG_LOOK = Duration.ofMillis(500);

    private final RunContext run;
    private final List<DrainResult> drains;
    private final List<SustainableRate> sustainable = new ArrayList<>();
    private final List<LatencyResult> latencies = new ArrayList<>();

    LatencyRun(RunContext run, List<DrainResult> drains) {
        this.run = run;
        this.drains = drains;
    }

    List<SustainableRate> sustainable() {
        return sustainable;
    }

    List<LatencyResult> latencies() {
        return latencies;
    }

    void run() throws InterruptedException {
        for (String variant : List.of("pass-through", App.FRAUD.module())) {
            if (!run.options.drains(variant)) {
                continue;
            }
            for (String guarantee : run.options.guarantees()) {
                try {
                    SustainableRate max = searchMaximum(variant, guarantee);
                    sustainable.add(max);
                    if (max.sustainableRate() <= 0) {
                        run.failed("latency of " + variant + " " + guarantee,
                                new IllegalStateException("not even the first rate was sustained"));
                        continue;
                    }
                    for (int percent : run.options.latencyPercents()) {
                        latencies.add(latencyAt(variant, guarantee, percent, max.sustainableRate()));
                    }
                } catch (RuntimeException | IOException e) {
                    run.failed("latency of " + variant + " " + guarantee, e instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getMessage(), e));
                }
            }
        }
    }

    /** The fresh topics and process of one search or run. */
    private final class Rig implements AutoCloseable {
        final String group;
        final String guarantee;
        final String input;
        final String output;
        final List<String> topics;
        final Path rateFile;
        final JavaProcess variant;
        JavaProcess load;

        Rig(String variantName, String guarantee, String label) throws InterruptedException, IOException {
            group = run.name("lat", variantName.replaceAll("[^a-z0-9-]", ""), shortName(guarantee), label);
            this.guarantee = guarantee;
            input = group + "-in";
            output = group + "-out";
            String blocklist = group + "-blocklist";
            String rules = group + "-rules";
            topics = List.of(input, output, blocklist, rules);
            topics.forEach(run.topics::create);
            try (Preloader preloader = new Preloader(run.bootstrapServers)) {
                long now = System.currentTimeMillis();
                for (int card = 0; card < MARKER_CARDS; card++) {
                    String id = String.format("%s%02d", LoadGenerator.MARKER_PREFIX, card);
                    preloader.send(blocklist, new Keyed(BlocklistEntry.cardKey(id),
                            new BlocklistEntry("latency marker", now), now));
                }
            }
            rateFile = run.work().resolve(group + ".rate");
            writeRate(0);
            variant = variantName.equals("pass-through")
                    ? run.launcher.passThrough(group, input, output, guarantee, "latest", List.of())
                    : run.launcher.app(App.FRAUD, group, guarantee, Map.of("topic.transactions", input,
                            "topic.fraud-blocklist", blocklist, "topic.fraud-rules", rules,
                            "topic." + App.FRAUD.latencyOutput(), output, "auto.offset.reset", "latest"), List.of());
            run.topics.awaitStable(group, variant, 300_000);
        }

        /**
         * Starts the generator and returns once its first records are in and the variant has committed some of them:
         * the pre-warm counts from then, not from a JVM start or a restoration that a busy machine makes slow.
         */
        void startLoad(double rate) throws IOException, InterruptedException {
            writeRate(rate);
            long before = inputEnd();
            load = run.launcher.load(group + "-load", input, rateFile, run.options.latencyCards(),
                    run.options.seed(), run.options.markerRate());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (inputEnd() == before) {
                if (!load.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The load generator sent nothing; its log ends:\n"
                            + load.logTail());
                }
                Thread.sleep(200);
            }
            Map<TopicPartition, Long> ends = run.topics.endOffsets(input);
            while (run.watch.committed(group, ends) == 0) {
                if (!variant.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(variant.name() + " committed nothing of its load; its log ends:\n"
                            + variant.logTail());
                }
                Thread.sleep(200);
            }
        }

        void writeRate(double rate) throws IOException {
            Path tmp = rateFile.resolveSibling(rateFile.getFileName() + ".tmp");
            Files.writeString(tmp, String.format(Locale.ROOT, "%.1f", rate));
            Files.move(tmp, rateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        long inputEnd() {
            return Topics.total(run.topics.endOffsets(input));
        }

        @Override
        public void close() {
            if (load != null) {
                load.close();
            }
            variant.close();
            run.cleanUp(group, topics);
        }
    }

    private SustainableRate searchMaximum(String variant, String guarantee) throws InterruptedException, IOException {
        double start = run.options.startRate() > 0 ? run.options.startRate() : 0.3 * drainMedian(variant, guarantee);
        if (!(start > 0)) {
            start = 500;
        }
        RateLadder ladder = new RateLadder(start, run.options.stepFactor(), MAX_STEPS);
        List<Step> steps = new ArrayList<>();
        run.say(String.format(Locale.ROOT, "latency: %s %s, the sustainable maximum from %.0f/s in steps of %.2fx",
                variant, shortName(guarantee), start, run.options.stepFactor()));
        try (Rig rig = new Rig(variant, guarantee, "max")) {
            rig.startLoad(ladder.current());
            Thread.sleep(run.options.latencyPrewarm().toMillis());
            while (!ladder.done()) {
                double rate = ladder.current();
                rig.writeRate(rate);
                Step step = step(rig, rate, run.options.stepDuration());
                steps.add(step);
                run.say(String.format(Locale.ROOT, "  %.0f/s offered, %.0f/s sent: %s (%s)", step.offeredRate(),
                        step.sentRate(), step.bounded() ? "sustained" : "NOT sustained", step.reason()));
                ladder.record(step.bounded());
            }
        }
        run.say(String.format(Locale.ROOT, "  sustainable maximum %.0f/s", ladder.sustainable()));
        return new SustainableRate(variant, guarantee, ladder.sustainable(), steps);
    }

    private Step step(Rig rig, double rate, Duration duration) throws InterruptedException {
        long startNanos = System.nanoTime();
        long startEnd = rig.inputEnd();
        List<LagSample> lags = new ArrayList<>();
        while (System.nanoTime() - startNanos < duration.toNanos()) {
            if (!rig.variant.isAlive()) {
                throw new IllegalStateException(rig.variant.name() + " ended; its log ends:\n" + rig.variant.logTail());
            }
            lags.add(new LagSample((System.nanoTime() - startNanos) / 1e9, run.watch.lag(rig.group, rig.input)));
            Thread.sleep(LAG_LOOK.toMillis());
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        // the markers are on top of the offered rate: take them out of what was sent
        double sent = (rig.inputEnd() - startEnd) / seconds - run.options.markerRate();
        // a committed offset trails the processed one by up to a commit interval; a second more for the poll loop
        double allowance = run.launcher.commitInterval(rig.guarantee) / 1000.0 + 1.0;
        LagVerdict verdict = LagVerdict.judge(rate, sent, lags, allowance);
        return new Step(rate, sent, verdict.bounded(), verdict.reason());
    }

    private LatencyResult latencyAt(String variant, String guarantee, int percent, double max)
            throws InterruptedException, IOException {
        double rate = max * percent / 100;
        try (Rig rig = new Rig(variant, guarantee, "p" + percent)) {
            LatencyProbe probe = new LatencyProbe(run.bootstrapServers, rig.output, LoadGenerator.MARKER_PREFIX);
            Thread probing = new Thread(probe, "latency-probe");
            probing.start();
            rig.startLoad(rate);
            Thread.sleep(run.options.latencyPrewarm().toMillis());
            long from = System.currentTimeMillis();
            long until = from + run.options.latencyDuration().toMillis();
            probe.countBetween(from, until);
            long endAtStart = rig.inputEnd();
            Thread.sleep(run.options.latencyDuration().toMillis());
            double achieved = (rig.inputEnd() - endAtStart) / (run.options.latencyDuration().toMillis() / 1000.0)
                    - run.options.markerRate();
            // the last markers through: until nothing has arrived for 3 s, at most 30 s
            long tailDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < tailDeadline
                    && System.nanoTime() - probe.lastRecordNanos() < Duration.ofSeconds(3).toNanos()) {
                Thread.sleep(200);
            }
            probe.stop();
            probing.join();
            Histogram histogram = probe.histogram();
            LatencyResult result = new LatencyResult(variant, guarantee, percent, max, rate, achieved,
                    run.options.latencyDuration().toSeconds(), histogram.getTotalCount(),
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
            run.say(String.format(Locale.ROOT, "  %-16s %-5s %3d%% of %.0f/s (%,.0f/s offered, %,.0f/s sent): %,d"
                            + " markers, p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms", variant,
                    shortName(guarantee), percent, max, rate, achieved, result.samples(), result.p50Ms(),
                    result.p99Ms(), result.p999Ms(), result.maxMs()));
            return result;
        }
    }

    private double drainMedian(String variant, String guarantee) {
        List<Double> rates = drains.stream()
                .filter(d -> d.variant().equals(variant) && d.guarantee().equals(guarantee)
                        && d.input().equals(App.FRAUD.input()))
                .map(DrainResult::recordsPerSecond).toList();
        return rates.isEmpty() ? 0 : Spread.of(rates).median();
    }
}
