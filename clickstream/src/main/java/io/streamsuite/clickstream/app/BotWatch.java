package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.BotDetector;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.UserActivity;
import io.streamsuite.topologies.kstream.TaskCounter;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs the bot check on each event of a user, with one read and one write of the user's activity. */
final class BotWatch implements FixedKeyProcessor<String, ClickEvent, BotAlert> {

    /** Kafka Streams metric {@code bot-alerts-total} in group {@code stream-clickstream-metrics}, per signal. */
    static final String METRIC_SCOPE = "clickstream";
    static final String ALERTS_OPERATION = "bot-alerts";

    private final BotDetector detector;
    private final String storeName;
    private FixedKeyProcessorContext<String, BotAlert> context;
    private KeyValueStore<String, UserActivity> activities;
    private TaskCounter alertsBySignal;

    BotWatch(BotDetector detector, String storeName) {
        this.detector = detector;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, BotAlert> context) {
        this.context = context;
        this.activities = context.getStateStore(storeName);
        this.alertsBySignal = new TaskCounter(context, METRIC_SCOPE, ALERTS_OPERATION, "signal",
                "Bot alerts by what gave the user away (an alert with both signals counts for each)");
    }

    @Override
    public void process(FixedKeyRecord<String, ClickEvent> record) {
        ClickEvent event = record.value();
        UserActivity before = activities.get(event.userId());
        BotDetector.Verdict verdict = detector.observe(event, before == null ? UserActivity.none() : before);
        activities.put(event.userId(), verdict.activity());
        verdict.alert().ifPresent(alert -> {
            verdict.signals().forEach(signal -> alertsBySignal.increment(signal.name()));
            context.forward(record.withValue(stamped(alert)));
        });
    }

    @Override
    public void close() {
        if (alertsBySignal != null) {
            alertsBySignal.close();
        }
    }

    private BotAlert stamped(BotAlert alert) {
        return new BotAlert(alert.userId(), alert.reason(), alert.eventCount(), alert.windowStart(),
                alert.windowEnd(), context.currentSystemTimeMs());
    }
}
