package io.streamsuite.fraud.app;

import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.RuleOverride;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code fraud-rules} records: keeps the valid override of each rule in the global store and publishes the
 * rules they make to the stream threads.
 *
 * <p>The rules in force are rebuilt from the store on every change, from the configured rules up, so they are
 * always a function of the latest value per rule: what a compacted topic replays after a restart. An invalid
 * override (unknown rule, unknown parameter, bad value, unreadable JSON) is logged and leaves its rule at its
 * configured values, as a tombstone would; values arrive as raw bytes for the same reason as in
 * {@link BlocklistUpdater}.
 */
final class RuleOverrideUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleOverrideUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<RuleOverride> decoder;
    private final FraudRules configured;
    private final LiveRules live;
    private KeyValueStore<String, RuleOverride> store;

    RuleOverrideUpdater(String storeName, TopicSpec<String, RuleOverride> source, FraudRules configured, LiveRules live) {
        this.storeName = storeName;
        this.topic = source.name();
        this.decoder = source.valueSerde().deserializer();
        this.configured = configured;
        this.live = live;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        publish();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Optional<RuleName> rule = RuleName.parse(record.key());
        if (rule.isEmpty()) {
            LOG.warn("Skipping a fraud-rules record: the key must be one of the rule names {}, got '{}'",
                    Arrays.toString(RuleName.values()), record.key());
            return;
        }
        String key = rule.get().name();
        if (record.value() == null) {
            store.delete(key);
            LOG.info("Rule {} is back at its configured values", key);
        } else {
            try {
                RuleOverride override = decoder.deserialize(topic, record.value());
                FraudRules applied = override.applyTo(configured, rule.get());
                store.put(key, override);
                LOG.info("Rule {} is now {}", key, applied.config(rule.get()));
            } catch (SerializationException | IllegalArgumentException e) {
                store.delete(key);
                LOG.warn("Rule {} is back at its configured values: its fraud-rules override is invalid ({})",
                        key, e.getMessage());
            }
        }
        publish();
    }

    private void publish() {
        FraudRules rules = configured;
        try (KeyValueIterator<String, RuleOverride> overrides = store.all()) {
            while (overrides.hasNext()) {
                KeyValue<String, RuleOverride> override = overrides.next();
                // only valid overrides of known rules are ever stored, so this cannot throw
                rules = override.value.applyTo(rules, RuleName.parse(override.key).orElseThrow());
            }
        }
        live.set(rules);
    }
}
