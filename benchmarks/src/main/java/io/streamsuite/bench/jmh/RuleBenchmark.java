package io.streamsuite.bench.jmh;

import io.streamsuite.clickstream.BotDetector;
import io.streamsuite.clickstream.BotRules;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickstreamSettings;
import io.streamsuite.clickstream.UserActivity;
import io.streamsuite.fraud.BlocklistView;
import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.Evaluation;
import io.streamsuite.fraud.FraudEvaluator;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceMonitor;
import io.streamsuite.iot.DeviceState;
import io.streamsuite.iot.MonitorRules;
import io.streamsuite.iot.Reading;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record domain code of each app, as the topology calls it once per input record, with the state of a
 * customer, device or user that has some history: the fraud rules over a card's history, the IoT monitor's
 * statistics and thresholds, the bot detector over a user's recent events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleBenchmark {

    private static final long T0 = 1_763_700_000_000L;

    /** Transactions already in the card's history (kept: those within the rules' windows plus the grace). */
    @Param({"5", "30"})
    public int history;

    private final FraudEvaluator evaluator = new FraudEvaluator();
    private final FraudRules rules = FraudRules.defaults();
    private final DeviceMonitor monitor = new DeviceMonitor(new MonitorRules(4.0, 30, 0.05, Duration.ofSeconds(60),
            Duration.ofMinutes(5)));
    private final BotDetector bots = new BotDetector(BotRules.of(20, Duration.ofSeconds(10), Duration.ofMinutes(10),
            ClickstreamSettings.DEFAULT_BOT_AGENTS));
    private final Optional<Device> device = Optional.of(new Device("dev-1", "hall-3",
            Map.of("temperature", new Device.Range(-10.0, 60.0))));
    private CardHistory cardHistory;
    private Transaction next;
    private Optional<DeviceState> deviceState;
    private Reading reading;
    private UserActivity activity;
    private ClickEvent click;

    @Setup(Level.Trial)
    public void setUp() {
        CardHistory card = CardHistory.empty();
        for (int i = 0; i < history; i++) {
            Transaction tx = Samples.transaction(i, T0 + i * 20_000L);
            card = evaluator.evaluate(tx, card, rules, BlocklistView.EMPTY).history();
        }
        cardHistory = card;
        next = Samples.transaction(history, T0 + history * 20_000L);
        Optional<DeviceState> state = Optional.empty();
        for (int i = 0; i < history; i++) {
            Reading r = new Reading("dev-1", "temperature", 21.0 + i % 3, "C", T0 + i * 5_000L);
            state = Optional.of(monitor.onReading(r, state, device, r.timestamp()).state());
        }
        deviceState = state;
        reading = new Reading("dev-1", "temperature", 22.5, "C", T0 + history * 5_000L);
        UserActivity user = UserActivity.none();
        for (int i = 0; i < Math.min(history, 15); i++) {
            user = bots.observe(click(T0 + i * 1_000L), user).activity();
        }
        activity = user;
        click = click(T0 + history * 1_000L);
    }

    private static ClickEvent click(long time) {
        return new ClickEvent("ev-" + time, "user-1", "PAGE_VIEW", "https://shop.example/p/12",
                "https://search.example/", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "10.0.0.1", time);
    }

    @Benchmark
    public Evaluation fraudEvaluate() {
        return evaluator.evaluate(next, cardHistory, rules, BlocklistView.EMPTY);
    }

    @Benchmark
    public DeviceMonitor.Outcome iotOnReading() {
        return monitor.onReading(reading, deviceState, device, reading.timestamp());
    }

    @Benchmark
    public BotDetector.Verdict clickstreamBotObserve() {
        return bots.observe(click, activity);
    }
}
