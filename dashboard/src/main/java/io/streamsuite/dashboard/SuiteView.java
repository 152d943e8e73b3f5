package io.streamsuite.dashboard;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Everything the page shows, kept up to date by the feed and the health poller, read as one snapshot. */
final class SuiteView {

    /** Alerts and bot alerts in the feeds. */
    static final int FEED_SIZE = 12;
    /** Readings per device and sensor in a device's chart. */
    static final int POINTS_PER_SENSOR = 120;

    /**
     * The page's data at one moment.
     *
     * @param stale       why the data may be out of date (Kafka unreachable, nothing new for a while); null if fresh
     * @param lastRecordAt when the last record arrived, epoch ms; null before the first
     */
    record Snapshot(long generatedAt, String stale, Long lastRecordAt, long records, long undecodable,
                    List<HealthPoller.AppStatus> apps, FraudPanel.View fraud, ClickPanel.View clickstream,
                    List<IotPanel.DeviceTile> devices) {
    }

    private final FraudPanel fraud;
    private final ClickPanel clicks;
    private final IotPanel iot = new IotPanel(POINTS_PER_SENSOR);
    private final Supplier<List<HealthPoller.AppStatus>> apps;
    private final Duration staleAfter;
    private final Clock clock;
    private volatile boolean kafkaReachable;
    private volatile Long lastRecordAt;
    private volatile long records;
    private volatile long undecodable;

    /** @param minutesShown how many minutes the per-minute charts cover */
    SuiteView(int minutesShown, Duration staleAfter, Supplier<List<HealthPoller.AppStatus>> apps, Clock clock) {
        this.fraud = new FraudPanel(FEED_SIZE, minutesShown);
        this.clicks = new ClickPanel(FEED_SIZE, minutesShown);
        this.apps = apps;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    void add(FraudAlert alert) {
        fraud.add(alert);
    }

    void add(PageViews views) {
        clicks.add(views);
    }

    void add(TopPages ranking) {
        clicks.add(ranking);
    }

    void add(SessionSummary session) {
        clicks.add(session);
    }

    void add(FunnelCounts funnel) {
        clicks.add(funnel);
    }

    void add(BotAlert alert) {
        clicks.add(alert);
    }

    void add(IotAlert alert) {
        iot.add(alert);
    }

    void add(Reading reading) {
        iot.add(reading);
    }

    void add(String deviceId, Device registered) {
        iot.add(deviceId, registered);
    }

    /** One record read (decoded or not); called by the feed's single thread. */
    void recordArrived(boolean decoded) {
        records++;
        if (!decoded) {
            undecodable++;
        }
        lastRecordAt = clock.millis();
    }

    void kafkaReachable(boolean reachable) {
        kafkaReachable = reachable;
    }

    Optional<IotPanel.DeviceDetail> device(String deviceId) {
        return iot.detail(deviceId);
    }

    Snapshot snapshot() {
        long now = clock.millis();
        return new Snapshot(now, staleness(now), lastRecordAt, records, undecodable, apps.get(), fraud.view(),
                clicks.view(), iot.tiles());
    }

    private String staleness(long now) {
        if (!kafkaReachable) {
            return "Kafka cannot be reached; showing what was read before";
        }
        if (lastRecordAt == null) {
            return "no output read yet";
        }
        long quiet = now - lastRecordAt;
        return quiet > staleAfter.toMillis() ? "nothing new for " + quiet / 1000 + " s" : null;
    }
}
