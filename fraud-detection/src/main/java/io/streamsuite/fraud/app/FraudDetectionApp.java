package io.streamsuite.fraud.app;

import io.streamsuite.fraud.BlocklistEntry;
import io.streamsuite.fraud.CardHistory;
import io.streamsuite.fraud.CardProfile;
import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.FraudRules;
import io.streamsuite.fraud.FraudSettings;
import io.streamsuite.fraud.RuleOverride;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.fraud.TransactionValidator;
import io.streamsuite.fraud.binary.CardHistorySerde;
import io.streamsuite.fraud.backtest.BacktestCommand;
import io.streamsuite.fraud.backtest.BacktestOptions;
import io.streamsuite.fraud.binary.TransactionSerde;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.kstream.Rekey;
import io.streamsuite.topologies.kstream.TableUpdater;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.runtime.TopicDef;
import io.streamsuite.topologies.serde.TopicSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;

/**
 * Payment fraud detection: card transactions in, one alert per flagged transaction out. The rules are plain classes
 * of {@code io.streamsuite.fraud}; this class only wires them to topics and stores.
 */
public final class FraudDetectionApp implements StreamsApp {

    public static final TopicDef TRANSACTIONS = TopicDef.input("transactions", "card transactions keyed by cardId");
    public static final TopicDef BLOCKLIST = TopicDef.table("fraud-blocklist",
            "blocked merchants and cards, keyed merchant:<merchantId> or card:<cardId>");
    public static final TopicDef RULES = TopicDef.table("fraud-rules",
            "run-time rule overrides keyed by rule name");
    public static final TopicDef ALERTS = TopicDef.output("fraud-alerts", "one alert per flagged transaction");

    /** Each card's recent transactions and profile, queryable by card id. */
    public static final String HISTORY_STORE = "fraud-card-history";
    /** The blocklist, one copy per instance. */
    public static final String BLOCKLIST_STORE = "fraud-blocklist-store";
    /** The valid rule overrides, one copy per instance. */
    public static final String RULES_STORE = "fraud-rules-store";
    /** Transactions whose key is not their card id go through {@code <application.id>-fraud-by-card-repartition}. */
    public static final String BY_CARD_REPARTITION = "fraud-by-card";

    public static void main(String[] args) {
        if (BacktestOptions.requested(args)) {
            System.exit(new BacktestCommand(System.getenv(), System.out, System.err, Clock.systemUTC()).run(args));
        }
        StreamsRunner.main(new FraudDetectionApp(), args);
    }

    @Override
    public String name() {
        return "fraud-detection";
    }

    @Override
    public String configPrefix() {
        return "fraud.";
    }

    /** The contract's port for this app, so that the three apps can run side by side on one machine. */
    @Override
    public Map<String, String> defaults() {
        return Map.of(CommonSettings.HTTP_PORT.key(), "7071");
    }

    @Override
    public List<Setting<?>> settings() {
        return FraudSettings.all();
    }

    /** {@code GET /cards/{cardId}}: the card's profile, from the instance that owns the card. */
    @Override
    public List<StoreQuery> queries(AppContext context) {
        return List.of(StoreQuery.byKey("/cards/{cardId}", HISTORY_STORE,
                QueryableStoreTypes.<String, CardHistory>keyValueStore(),
                (histories, cardId) -> Optional.ofNullable(histories.get(cardId)).map(history -> CardProfile.of(cardId, history))));
    }

    @Override
    public List<TopicDef> topics() {
        return List.of(TRANSACTIONS, BLOCKLIST, RULES, ALERTS);
    }

    /** The transactions topic as the app reads it: invalid transactions go to the dead-letter topic. */
    public static TopicSpec<String, Transaction> transactions(AppContext context) {
        return context.topic(TRANSACTIONS, Serdes.String(), context.inputSerde(Transaction.class,
                new TransactionValidator(context.get(FraudSettings.MAX_ID_LENGTH))));
    }

    public static TopicSpec<String, FraudAlert> alerts(AppContext context) {
        return context.topic(ALERTS, Serdes.String(), context.eventSerde(FraudAlert.class));
    }

    public static TopicSpec<String, BlocklistEntry> blocklist(AppContext context) {
        return context.topic(BLOCKLIST, Serdes.String(), context.eventSerde(BlocklistEntry.class));
    }

    public static TopicSpec<String, RuleOverride> rules(AppContext context) {
        return context.topic(RULES, Serdes.String(), context.eventSerde(RuleOverride.class));
    }

    @Override
    public Topology buildTopology(AppContext context) {
        FraudRules configured = FraudRules.from(context::get);
        LiveRules live = new LiveRules(configured);
        LiveBlocklist blocklist = new LiveBlocklist();
        StreamsBuilder builder = context.streamsBuilder();

        addBlocklist(builder, context, blocklist);
        addRuleOverrides(builder, context, configured, live);
        // no record cache: a card buys every few minutes, so the cache would merge next to no writes between two
        // commits, while costing a lookup, a copy and an eviction check on every read and write
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                        Serdes.String(), new CardHistorySerde())
                .withCachingDisabled());

        TopicSpec<String, FraudAlert> alerts = alerts(context);
        byCard(builder, context)
                .processValues(() -> new CardEvaluator(HISTORY_STORE, blocklist, live),
                        Named.as("fraud-evaluate"), HISTORY_STORE)
                .to(alerts.name(), alerts.produced("fraud-alerts-sink"));
        return builder.build();
    }

    /** The transactions keyed by card id, re-keying only those a producer keyed otherwise. */
    private static KStream<String, Transaction> byCard(StreamsBuilder builder, AppContext context) {
        TopicSpec<String, Transaction> transactions = transactions(context);
        return Rekey.by(transactions.stream(builder, "fraud-transactions-source"), Transaction::cardId,
                BY_CARD_REPARTITION, Serdes.String(), new TransactionSerde());
    }

    /**
     * The blocklist may be large: persistent, so a restart reads only what is new in the topic. Its updater copies
     * every change into {@code live}, which is what the stream threads read.
     */
    private static void addBlocklist(StreamsBuilder builder, AppContext context, LiveBlocklist live) {
        TopicSpec<String, BlocklistEntry> blocklist = blocklist(context);
        TableUpdater.addGlobalTable(builder, Stores.persistentKeyValueStore(BLOCKLIST_STORE), blocklist,
                context.internalSerde(BlocklistEntry.class),
                () -> new BlocklistUpdater(BLOCKLIST_STORE, blocklist, live));
    }

    /**
     * In memory, so that every start replays the whole (small, compacted) topic through the updater, which is what
     * rebuilds the rules in force.
     */
    private static void addRuleOverrides(StreamsBuilder builder, AppContext context, FraudRules configured,
                                         LiveRules live) {
        TopicSpec<String, RuleOverride> rules = rules(context);
        TableUpdater.addGlobalTable(builder, Stores.inMemoryKeyValueStore(RULES_STORE), rules,
                context.internalSerde(RuleOverride.class),
                () -> new RuleOverrideUpdater(RULES_STORE, rules, configured, live));
    }
}
