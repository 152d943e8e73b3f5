package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistView;
import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.Evaluation;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.FraudEvaluator;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.kstream.TaskCounter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Judges each transaction of a card against the card's history and forwards an alert when a rule fires. Per
 * transaction it reads and writes the card's history once; the blocklist and the rules in force it reads from
 * memory, where the global thread keeps them.
 */
final class CardEvaluator implements FixedKeyProcessor<String, Transaction, FraudAlert> {

    /** Kafka Streams metric group {@code stream-fraud-metrics}, operation {@code late-transactions}. */
    static final String METRIC_SCOPE = "fraud";
    static final String LATE_OPERATION = "late-transactions";
    /** Kafka Streams metric {@code alerts-total} in group {@code stream-fraud-metrics}, per rule that fired. */
    static final String ALERTS_OPERATION = "alerts";

    private final FraudEvaluator evaluator = new FraudEvaluator();
    private final String historyStoreName;
    private final BlocklistView blocklist;
    private final LiveRules rules;

    private FixedKeyProcessorContext<String, FraudAlert> context;
    private KeyValueStore<String, CardHistory> histories;
    private Sensor late;
    private TaskCounter alertsByRule;

    CardEvaluator(String historyStoreName, BlocklistView blocklist, LiveRules rules) {
        this.historyStoreName = historyStoreName;
        this.blocklist = blocklist;
        this.rules = rules;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, FraudAlert> context) {
        this.context = context;
        this.histories = context.getStateStore(historyStoreName);
        this.late = context.metrics().addRateTotalSensor(METRIC_SCOPE, context.taskId().toString(), LATE_OPERATION,
                Sensor.RecordingLevel.INFO);
        this.alertsByRule = new TaskCounter(context, METRIC_SCOPE, ALERTS_OPERATION, "rule",
                "Flagged transactions by rule that fired (a transaction flagged by two rules counts for both)");
    }

    @Override
    public void process(FixedKeyRecord<String, Transaction> record) {
        Transaction tx = record.value();
        FraudRules inForce = rules.current();
        CardHistory history = histories.get(tx.cardId());
        if (history == null) {
            history = CardHistory.empty();
        } else if (history.isLate(tx.timestamp(), inForce.grace())) {
            // still evaluated: the rules see what history remains, which may be less than the transaction's windows
            late.record();
        }
        Evaluation evaluation = evaluator.evaluate(tx, history, inForce, blocklist);
        histories.put(tx.cardId(), evaluation.history());
        if (evaluation.flagged()) {
            FraudAlert alert = FraudAlert.of(tx, evaluation, context.currentSystemTimeMs());
            alert.rules().forEach(alertsByRule::increment);
            context.forward(record.withValue(alert));
        }
    }

    @Override
    public void close() {
        if (late != null) {
            context.metrics().removeSensor(late);
            alertsByRule.close();
        }
    }
}
