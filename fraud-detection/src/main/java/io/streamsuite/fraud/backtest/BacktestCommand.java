package io.streamsuite.fraud.backtest;

import io.streamsuite.fraud.FraudAlert;
import io.streamsuite.fraud.app.FraudDetectionApp;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.ExitCode;
import io.streamsuite.topologies.serde.TopicNames;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code --backtest}: runs a second instance of the app, under its own {@code application.id}, over a time range of the
 * input with changed rule settings, and prints per rule which alerts the change adds and which it takes away, against
 * the alerts production raised for the same transactions. Production's topics are only read; what the backtest makes
 * (its input copy, side topic, rules and dead-letter topics, internal topics, group, local state) is removed at the end,
 * the side topic kept on request.
 *
 * <p>Exit codes: 0 after the comparison; 2 for bad arguments or configuration, in one line before anything touches
 * Kafka; 1 when Kafka fails.
 */
public final class BacktestCommand {

    private final FraudDetectionApp app = new FraudDetectionApp();
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    /**
     * @param out the report
     * @param err progress, the cleanup and the one-line errors
     */
    public BacktestCommand(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public int run(String... args) {
        if (List.of(args).contains("--help")) {
            out.println("Usage: java -jar " + app.name() + ".jar " + BacktestOptions.USAGE);
            return ExitCode.OK;
        }
        BacktestOptions options;
        ConfiguredApp production;
        ConfiguredApp backtest;
        BacktestNames names;
        String input;
        Optional<Set<String>> confirmed;
        try {
            options = BacktestOptions.parse(args);
            production = ConfiguredApp.load(app, options.configFile(), env, productionSets(options.sets()));
            names = BacktestNames.forRun(production.context().applicationId(), clock.instant());
            backtest = ConfiguredApp.load(app, options.configFile(), env, backtestSets(options.sets(), names));
            input = singleInput(production);
            confirmed = options.confirmed().map(ConfirmedFrauds::read);
        } catch (InvalidConfigException e) {
            err.println(app.name() + ": " + e.getMessage());
            return ExitCode.CONFIG;
        }
        BacktestWorkspace workspace = new BacktestWorkspace(production, names, options.keepOutput(), err);
        try {
            describe(options, names, input);
            workspace.create(input, production.context().topicName(FraudDetectionApp.ALERTS));
            RangeCopy.Copied copied;
            try (var clients = workspace.clients()) {
                copied = new RangeCopy(clients.consumer(), clients.producer(),
                        FraudDetectionApp.transactions(production.context()).valueSerde().deserializer(), err)
                        .copy(input, names.input(), options.readFrom(), options.from(), options.to());
            }
            ProductionProgress.warning(workspace.admin(), production.context().applicationId(), copied.ends(),
                    production.config().get(CommonSettings.TOPICS_TIMEOUT)).ifPresent(warning -> out.println("Warning: " + warning));
            new BacktestRun(workspace.admin(), names, production.config().get(CommonSettings.TOPICS_TIMEOUT), err)
                    .run(backtest.topology(), backtest.streamsProperties(), copied.records());
            AlertComparison comparison;
            try (var clients = workspace.clients()) {
                var alerts = production.context().eventSerde(FraudAlert.class).deserializer();
                AlertTopicReader reader = new AlertTopicReader(clients.consumer(), alerts);
                comparison = AlertComparison.of(
                        reader.read(production.context().topicName(FraudDetectionApp.ALERTS), copied.minEventTime(), copied.compared()),
                        reader.read(names.alerts(), 0, copied.compared()),
                        copied.compared());
            }
            out.println("Compared " + copied.compared().size() + " transaction(s) from " + options.from() + " to " + options.to()
                    + (copied.undecodable() > 0 ? "; " + copied.undecodable() + " record(s) in the range were not valid"
                    + " transactions (the dead-letter topic's) and are not compared" : ""));
            BacktestReport.render(comparison, confirmed, copied.compared()).forEach(out::println);
            return ExitCode.OK;
        } catch (IllegalStateException | KafkaException e) {
            err.println(app.name() + ": backtest failed: " + e.getMessage());
            return ExitCode.FATAL;
        } finally {
            workspace.close();
        }
    }

    private void describe(BacktestOptions options, BacktestNames names, String input) {
        out.println("Backtest " + names.applicationId() + ": " + input + " from " + options.from() + " to " + options.to()
                + (options.warmUp().isZero() ? "" : ", after a warm-up from " + options.readFrom() + " (not compared)"));
        List<String> changed = options.sets().stream().filter(BacktestCommand::isRuleSetting).toList();
        out.println("Changed settings: " + (changed.isEmpty() ? "none" : String.join(", ", changed)));
        out.println("Every card's history starts empty at " + options.readFrom() + ": VELOCITY, CARD_TESTING, AMOUNT_SPIKE and"
                + " IMPOSSIBLE_TRAVEL may differ from production early in the range for that reason alone"
                + (options.warmUp().isZero() ? " (--warm-up reads some history first)" : "") + ".");
    }

    /**
     * The rule change ({@code fraud.*}) is the backtest's alone; any other {@code --set} (the broker, security, topic
     * names) says where production is, so it applies to both.
     */
    private static List<String> productionSets(List<String> sets) {
        return sets.stream().filter(set -> !isRuleSetting(set)).toList();
    }

    private static boolean isRuleSetting(String set) {
        return set.startsWith(new FraudDetectionApp().configPrefix());
    }

    /** The user's settings, then what makes it a backtest, which no source may change. */
    private List<String> backtestSets(List<String> sets, BacktestNames names) {
        List<String> all = new ArrayList<>(sets);
        all.add(StreamsConfig.APPLICATION_ID_CONFIG + "=" + names.applicationId());
        all.add(FraudDetectionApp.TRANSACTIONS.nameSetting().key() + "=" + names.input());
        all.add(FraudDetectionApp.ALERTS.nameSetting().key() + "=" + names.alerts());
        all.add(FraudDetectionApp.RULES.nameSetting().key() + "=" + names.rules());
        all.add(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + "=" + names.deadLetters());
        all.add(CommonSettings.HTTP_ENABLED.key() + "=false");
        // a throwaway run whose output is compared as sets: at-least-once leaves no transaction marker after the last
        // record, so "processed everything" is "committed the end" (BacktestRun), and it commits often for that
        all.add(CommonSettings.PROCESSING_GUARANTEE.key() + "=" + StreamsConfig.AT_LEAST_ONCE);
        all.add(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG + "=100");
        // one member, deleted with one call at the end whatever protocol production's group uses
        all.add("group.protocol=classic");
        return all;
    }

    private static String singleInput(ConfiguredApp production) {
        TopicNames names = production.context().topicNames(FraudDetectionApp.TRANSACTIONS);
        if (names.isPattern() || names.names().size() != 1) {
            throw new InvalidConfigException("--backtest reads one input topic, but "
                    + FraudDetectionApp.TRANSACTIONS.nameSetting().key() + " is " + names + "; set it to one topic with --set");
        }
        return names.names().get(0);
    }
}
