package io.streamsuite.devkit.watch;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.clickstream.app.ClickstreamApp;
import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.RuleOverride;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.iot.Device;
import io.streamsuite.iot.DeviceStats;
import io.streamsuite.iot.IotAlert;
import io.streamsuite.iot.Reading;
import io.streamsuite.iot.app.IotMonitoringApp;
import io.streamsuite.topologies.runtime.TopicDef;
import java.util.Map;
import java.util.Optional;

/**
 * The event type of each topic of the suite, by its contract name, as the apps' topic specs declare it: what a record
 * of the topic decodes to in a binary format.
 */
final class TopicEvents {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            entry(FraudDetectionApp.TRANSACTIONS, Transaction.class),
            entry(FraudDetectionApp.BLOCKLIST, BlocklistEntry.class),
            entry(FraudDetectionApp.RULES, RuleOverride.class),
            entry(FraudDetectionApp.ALERTS, FraudAlert.class),
            entry(ClickstreamApp.EVENTS, ClickEvent.class),
            entry(ClickstreamApp.PAGE_VIEWS, PageViews.class),
            entry(ClickstreamApp.TOP_PAGES, TopPages.class),
            entry(ClickstreamApp.SESSIONS, SessionSummary.class),
            entry(ClickstreamApp.FUNNEL, FunnelCounts.class),
            entry(ClickstreamApp.BOT_ALERTS, BotAlert.class),
            entry(IotMonitoringApp.READINGS, Reading.class),
            entry(IotMonitoringApp.DEVICES, Device.class),
            entry(IotMonitoringApp.STATS, DeviceStats.class),
            entry(IotMonitoringApp.ALERTS, IotAlert.class));

    private TopicEvents() {
    }

    /** The event type of a topic; empty for a topic outside the contract, such as a dead-letter topic. */
    static Optional<Class<?>> of(String topic) {
        return Optional.ofNullable(TYPES.get(topic));
    }

    private static Map.Entry<String, Class<?>> entry(TopicDef topic, Class<?> type) {
        return Map.entry(topic.name(), type);
    }
}
