package io.streamsuite.bench.run;

import static io.streamsuite.bench.run.RunContext.ALOS;
import static io.streamsuite.bench.run.RunContext.shortName;

import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.Writes;
import io.streamsuite.bench.stats.SteadyWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Drains each app's preloaded input with every variant, each one {@code repeats} times, interleaved: round 1 runs every
 * variant once, then round 2, so that a slow spell of the machine hits all variants alike rather than all repeats of
 * one. Every drain has a fresh group, output topic and state directory, deleted once measured.
 */
final class ThroughputRun {

    /** One variant of a drain: its name, guarantee, and how to start it for a group and an output topic. */
    private record Variant(String name, String guarantee, Starter starter) {
    }

    @FunctionalInterface
    private interface Starter {
        JavaProcess start(String group, String output);
    }

    private final RunContext run;
    private final List<DrainResult> drains = new ArrayList<>();

    ThroughputRun(RunContext run) {
        this.run = run;
    }

    List<DrainResult> run() throws InterruptedException {
        for (int repeat = 1; repeat <= run.options.repeats(); repeat++) {
            run.say("round " + repeat + " of " + run.options.repeats());
            for (App app : run.options.apps()) {
                for (Variant variant : variants(app)) {
                    if (!run.options.drains(variant.name().replaceFirst(" \\(.*", ""))) {
                        continue;
                    }
                    try {
                        drains.add(drain(app, variant, repeat));
                    } catch (RuntimeException e) {
                        run.failed(variant.name() + " " + variant.guarantee() + " on " + app.input() + " (round "
                                + repeat + ")", e);
                    }
                }
            }
        }
        return drains;
    }

    private List<Variant> variants(App app) {
        Launcher launcher = run.launcher;
        String input = app.input();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("raw-consume", "-", (group, output) -> launcher.rawConsume(group, input, ALOS)));
        for (String guarantee : run.options.guarantees()) {
            variants.add(new Variant("raw-pipe", guarantee,
                    (group, output) -> launcher.rawPipe(group, input, output, guarantee)));
            variants.add(new Variant("pass-through", guarantee,
                    (group, output) -> launcher.passThrough(group, input, output, guarantee, "earliest", List.of())));
            variants.add(new Variant("decode-validate-encode", guarantee,
                    (group, output) -> launcher.decodeValidateEncode(app, group, input, output, guarantee)));
            variants.add(new Variant("kv-get-put", guarantee,
                    (group, output) -> launcher.keyValueGetPut(group, input, output, guarantee)));
            Path compared = run.options.compareJars().get(app);
            if (compared != null) {
                // right before the current jar, so that both see the machine in the same state
                variants.add(new Variant(app.module() + " (" + run.options.compareLabel() + ")", guarantee,
                        (group, output) -> launcher.app(app, compared, group, guarantee, Map.of(), List.of())));
            }
            variants.add(new Variant(app.module(), guarantee,
                    (group, output) -> launcher.app(app, group, guarantee, Map.of(), List.of())));
        }
        return variants;
    }

    private DrainResult drain(App app, Variant variant, int repeat) throws InterruptedException {
        String input = app.input();
        String label = variant.name().replaceAll("[^a-z0-9-]", "");
        String group = "-".equals(variant.guarantee()) ? run.name(label, input, "r" + repeat)
                : run.name(label, input, shortName(variant.guarantee()), "r" + repeat);
        String output = group + "-out";
        run.topics.create(output);
        Map<TopicPartition, Long> ends = run.topics.endOffsets(input);
        WriteMeter.Snapshot before = run.writes.snapshot();
        DrainWatch.Drain drain;
        try (JavaProcess process = variant.starter().start(group, output)) {
            drain = run.watch.await(group, ends, process, run.options.drainTimeout());
        }
        Writes writes = run.writes.between(before, run.writes.snapshot(), Topics.total(ends));
        run.cleanUp(group, List.of(output));
        SteadyWindow w = drain.window();
        DrainResult result = new DrainResult(variant.name(), input, variant.guarantee(), repeat, w.records(),
                w.seconds(), w.recordsPerSecond(), w.appCpuPerMillion(), w.brokerCpuPerMillion(),
                drain.peakRssBytes(), writes);
        run.say(String.format(Locale.ROOT, "  %-30s %-5s %-18s %,9.0f rec/s  CPU s/1M: app %6.1f broker %5.1f"
                        + "  writes/rec %.2f", variant.name(), shortName(variant.guarantee()), input,
                result.recordsPerSecond(), result.appCpuPerMillion(), result.brokerCpuPerMillion(),
                writes.totalRecords()));
        return result;
    }
}
