package io.streamsuite.bench.run;

import io.streamsuite.bench.workload.CardTraffic;
import io.streamsuite.bench.workload.FleetTraffic;
import io.streamsuite.bench.workload.Keyed;
import io.streamsuite.bench.workload.Preloader;
import io.streamsuite.bench.workload.WorkloadShape;
import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.app.IotMonitoringApp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Fills each app's input before the drains, its event time paced like real traffic and ending about now, its
 * population sized so that the app's state is at its steady size before the steady window ({@link WorkloadShape}):
 * fraud-detection's cards and iot-monitoring's fleet from this module's workloads; clickstream's users from devkit's
 * generator (its sessions are steady after 30 minutes of event time, which the first fifth of a million events at
 * devkit's 50 events/s spans many times over).
 */
final class Preload {

    /** Merchants blocklisted before the fraud preload, so that the blocklist rule reads a populated store. */
    static final int BLOCKED_MERCHANTS = 50;

    private final RunContext run;

    Preload(RunContext run) {
        this.run = run;
    }

    void all() throws InterruptedException {
        BenchOptions options = run.options;
        run.say("creating the apps' topics and preloading " + options.records() + " records per app");
        JavaProcess create = JavaProcess.start("create-topics", List.of(), List.of("-jar",
                run.launcher.devkitJar().toString(), "create-topics", "--bootstrap-servers", run.bootstrapServers,
                "--partitions", Integer.toString(options.partitions())), run.work().resolve("logs/create-topics.log"));
        RunContext.expectSuccess(create, Duration.ofMinutes(2));
        WorkloadShape shape = WorkloadShape.forRecords(options.records(), options.startShare());
        int cards = options.cards() > 0 ? options.cards() : shape.cards();
        int devices = options.devices() > 0 ? options.devices() : shape.devices();
        for (App app : options.apps()) {
            switch (app) {
                case FRAUD -> fraud(cards);
                case IOT -> iot(devices);
                case CLICKSTREAM -> clickstream();
            }
            run.say("  " + app.input() + ": " + Topics.total(run.topics.endOffsets(app.input())) + " records");
        }
    }

    private void fraud(int cards) {
        double rate = CardTraffic.ratePerSecond(cards);
        long records = run.options.records();
        long start = System.currentTimeMillis() - WorkloadShape.spanMillis(records, rate);
        run.say(String.format(Locale.ROOT, "  %d cards, %.1f transactions/s of event time, spanning %s", cards, rate,
                Duration.ofMillis(WorkloadShape.spanMillis(records, rate))));
        try (Preloader preloader = new Preloader(run.bootstrapServers)) {
            for (int m = 0; m < BLOCKED_MERCHANTS; m++) {
                preloader.send(FraudDetectionApp.BLOCKLIST.name(), new Keyed(
                        BlocklistEntry.merchantKey("merchant-" + m * 100), new BlocklistEntry("bench", start), start));
            }
            preloader.load(FraudDetectionApp.TRANSACTIONS.name(),
                    new CardTraffic(cards, start, run.options.seed(), "card-"), records);
        }
    }

    private void iot(int devices) {
        int sensors = WorkloadShape.SENSORS;
        long interval = WorkloadShape.READING_INTERVAL_MILLIS;
        double rate = FleetTraffic.ratePerSecond(devices, sensors, interval);
        long records = run.options.records();
        long start = System.currentTimeMillis() - WorkloadShape.spanMillis(records, rate);
        run.say(String.format(Locale.ROOT, "  %d devices x %d sensors every %d s, %.1f readings/s of event time,"
                        + " spanning %s", devices, sensors, interval / 1000, rate,
                Duration.ofMillis(WorkloadShape.spanMillis(records, rate))));
        FleetTraffic fleet = new FleetTraffic(devices, sensors, interval, true, start, run.options.seed(), "dev-");
        try (Preloader preloader = new Preloader(run.bootstrapServers)) {
            fleet.registry(devices, start).forEach(entry -> preloader.send(IotMonitoringApp.DEVICES.name(), entry));
            preloader.load(IotMonitoringApp.READINGS.name(), fleet, records);
        }
    }

    private void clickstream() throws InterruptedException {
        JavaProcess load = run.launcher.generate("preload-clickstream", App.CLICKSTREAM, List.of("--rate", "0",
                "--count", Long.toString(run.options.records()), "--seed", Long.toString(run.options.seed())));
        RunContext.expectSuccess(load, Duration.ofMinutes(30));
    }
}
