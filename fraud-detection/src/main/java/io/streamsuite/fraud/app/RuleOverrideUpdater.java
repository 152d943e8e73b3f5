package io.streamsuite.fraud.app;

import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.RuleName;
import io.streamsuite.fraud.RuleOverride;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.serde.TopicSpec;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code fraud-rules} records: keeps the valid override of each rule in the global store and publishes the
 * rules they make to the stream threads.
 *
 * <p>The rules in force are rebuilt from the store on every change, from the configured rules up, so they are
 * always a function of the latest value per rule: what a compacted topic replays after a restart. An invalid
 * override (unknown parameter, bad value, unreadable JSON) is logged and leaves its rule at its configured values,
 * as a tombstone would; a key that is not a rule name is skipped.
 */
final class RuleOverrideUpdater extends TableUpdater<RuleOverride> {

    private static final Logger LOG = LoggerFactory.getLogger(RuleOverrideUpdater.class);

    private final FraudRules configured;
    private final LiveRules live;

    RuleOverrideUpdater(String storeName, TopicSpec<String, RuleOverride> source, FraudRules configured,
                        LiveRules live) {
        super(storeName, source);
        this.configured = configured;
        this.live = live;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        publish();
    }

    @Override
    protected Optional<String> keyProblem(String key) {
        return RuleName.parse(key).isPresent()
                ? Optional.empty()
                : Optional.of("the key must be one of the rule names " + Arrays.toString(RuleName.values()));
    }

    @Override
    protected void onValue(String key, RuleOverride override) {
        try {
            FraudRules applied = override.applyTo(configured, RuleName.parse(key).orElseThrow());
            store().put(key, override);
            LOG.info("Rule {} is now {}", key, applied.config(RuleName.parse(key).orElseThrow()));
            publish();
        } catch (IllegalArgumentException e) {
            onUnreadable(key, e.getMessage());
        }
    }

    @Override
    protected void onTombstone(String key) {
        store().delete(key);
        LOG.info("Rule {} is back at its configured values", key);
        publish();
    }

    @Override
    protected void onUnreadable(String key, String problem) {
        store().delete(key);
        LOG.warn("Rule {} is back at its configured values: its fraud-rules override is invalid ({})", key, problem);
        publish();
    }

    private void publish() {
        FraudRules rules = configured;
        try (KeyValueIterator<String, RuleOverride> overrides = store().all()) {
            while (overrides.hasNext()) {
                KeyValue<String, RuleOverride> override = overrides.next();
                // only valid overrides of known rules are ever stored, so this cannot throw
                rules = override.value.applyTo(rules, RuleName.parse(override.key).orElseThrow());
            }
        }
        live.set(rules);
    }
}
