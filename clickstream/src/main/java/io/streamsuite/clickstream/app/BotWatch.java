package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.BotDetector;
import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.UserActivity;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs the bot check on each event of a user, with one read and one write of the user's activity. */
final class BotWatch implements FixedKeyProcessor<String, ClickEvent, BotAlert> {

    private final BotDetector detector;
    private final String storeName;
    private FixedKeyProcessorContext<String, BotAlert> context;
    private KeyValueStore<String, UserActivity> activities;

    BotWatch(BotDetector detector, String storeName) {
        this.detector = detector;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, BotAlert> context) {
        this.context = context;
        this.activities = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, ClickEvent> record) {
        ClickEvent event = record.value();
        UserActivity before = activities.get(event.userId());
        BotDetector.Verdict verdict = detector.observe(event, before == null ? UserActivity.none() : before);
        activities.put(event.userId(), verdict.activity());
        verdict.alert().ifPresent(alert -> context.forward(record.withValue(stamped(alert))));
    }

    private BotAlert stamped(BotAlert alert) {
        return new BotAlert(alert.userId(), alert.reason(), alert.eventCount(), alert.windowStart(),
                alert.windowEnd(), context.currentSystemTimeMs());
    }
}
