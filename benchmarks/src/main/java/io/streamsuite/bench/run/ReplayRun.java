package io.streamsuite.bench.run;

import static io.streamsuite.bench.run.RunContext.EOS;

import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.ReplayResult;
import io.streamsuite.bench.stats.Spread;
import io.streamsuite.bench.stats.SteadyWindow;
import io.streamsuite.bench.workload.CardTraffic;
import io.streamsuite.bench.workload.FleetTraffic;
import io.streamsuite.bench.workload.Keyed;
import io.streamsuite.bench.workload.Preloader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * History replayed at full speed, as after a plant historian's export or a rebuild of state from the event log: a
 * month (by default) of readings 5 minutes apart from 20 devices through iot-monitoring (with
 * {@code iot.heartbeat.clock=stream-time}, as the README says replays run), and a day of transactions through
 * fraud-detection. Each drains fresh topics (kept forever: {@code retention.ms=-1}, the history being older than the
 * broker's default week) with a fresh application.id, timed in its steady window like the live-shaped drains, and is
 * set against the app's median steady-state drain of this run.
 */
final class ReplayRun {

    private static final long FIVE_MINUTES = 5 * 60_000;
    private static final long DAY = 86_400_000;

    private final RunContext run;
    private final List<DrainResult> drains;

    ReplayRun(RunContext run, List<DrainResult> drains) {
        this.run = run;
        this.drains = drains;
    }

    List<ReplayResult> run() throws InterruptedException {
        List<ReplayResult> results = new ArrayList<>();
        BenchOptions options = run.options;
        if (options.apps().contains(App.IOT)) {
            try {
                results.add(iot());
            } catch (RuntimeException e) {
                run.failed("replay of iot-monitoring", e);
            }
        }
        if (options.apps().contains(App.FRAUD)) {
            try {
                results.add(fraud());
            } catch (RuntimeException e) {
                run.failed("replay of fraud-detection", e);
            }
        }
        return results;
    }

    private ReplayResult iot() throws InterruptedException {
        int devices = run.options.replayDevices();
        int days = run.options.replayDays();
        long readings = (long) devices * days * (DAY / FIVE_MINUTES);
        long start = System.currentTimeMillis() - days * DAY;
        String group = run.name("replay", "iot");
        String input = group + "-readings";
        String registry = group + "-devices";
        FleetTraffic fleet = new FleetTraffic(devices, 1, FIVE_MINUTES, false, start, run.options.seed(), "hist-");
        createForever(input, registry);
        try (Preloader preloader = new Preloader(run.bootstrapServers)) {
            fleet.registry(devices, start).forEach(entry -> preloader.send(registry, entry));
            preloader.load(input, fleet, readings);
        }
        String name = days + " days of 5-minute readings, " + devices + " devices";
        return drain(App.IOT, group, name, input, List.of(input, registry), Map.of("topic.iot-readings", input,
                "topic.iot-devices", registry, "topic.iot-device-stats", group + "-stats",
                "topic.iot-alerts", group + "-alerts", "iot.heartbeat.clock", "stream-time"), days + " d");
    }

    private ReplayResult fraud() throws InterruptedException {
        int cards = run.options.replayCards();
        long start = System.currentTimeMillis() - DAY;
        String group = run.name("replay", "fraud");
        String input = group + "-transactions";
        String blocklist = group + "-blocklist";
        String rules = group + "-rules";
        createForever(input, blocklist, rules);
        CardTraffic traffic = new CardTraffic(cards, start, run.options.seed(), "card-");
        try (Preloader preloader = new Preloader(run.bootstrapServers)) {
            preloader.load(input, new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return traffic.nextTime() < start + DAY;
                }

                @Override
                public Keyed next() {
                    return traffic.next();
                }
            }, Long.MAX_VALUE);
        }
        return drain(App.FRAUD, group, "a day of transactions, " + cards + " cards", input,
                List.of(input, blocklist, rules), Map.of("topic.transactions", input, "topic.fraud-blocklist",
                        blocklist, "topic.fraud-rules", rules, "topic.fraud-alerts", group + "-alerts"), "1 d");
    }

    private void createForever(String... topics) {
        for (String topic : topics) {
            run.topics.create(topic, Map.of("retention.ms", "-1"));
        }
    }

    private ReplayResult drain(App app, String group, String name, String input, List<String> topics,
                               Map<String, String> settings, String span) throws InterruptedException {
        Map<TopicPartition, Long> ends = run.topics.endOffsets(input);
        long records = Topics.total(ends);
        run.say(String.format(Locale.ROOT, "replay: %s through %s, %,d records", name, app.module(), records));
        DrainWatch.Drain drain;
        try (JavaProcess process = run.launcher.app(app, group, EOS, settings, List.of())) {
            drain = run.watch.await(group, ends, process, run.options.drainTimeout().multipliedBy(3));
        }
        List<String> doomed = new ArrayList<>(topics);
        settings.forEach((key, value) -> {
            if (key.startsWith("topic.")) {
                doomed.add(value);
            }
        });
        run.cleanUp(group, doomed);
        SteadyWindow window = drain.window();
        List<Double> live = drains.stream()
                .filter(d -> d.variant().equals(app.module()) && d.guarantee().equals(EOS))
                .map(DrainResult::recordsPerSecond).toList();
        double liveMedian = live.isEmpty() ? Double.NaN : Spread.of(live).median();
        run.say(String.format(Locale.ROOT, "  %,.0f records/s (steady window), CPU %.1f s per 1M; live drain median"
                + " %,.0f/s", window.recordsPerSecond(), window.appCpuPerMillion(), liveMedian));
        return new ReplayResult(app.module(), name, EOS, records, span, window.recordsPerSecond(),
                window.appCpuPerMillion(), liveMedian);
    }
}
