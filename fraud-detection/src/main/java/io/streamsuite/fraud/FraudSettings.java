package io.streamsuite.fraud;

import static io.streamsuite.fraud.RuleName.AMOUNT_SPIKE;
import static io.streamsuite.fraud.RuleName.BLOCKLISTED_CARD;
import static io.streamsuite.fraud.RuleName.BLOCKLISTED_MERCHANT;
import static io.streamsuite.fraud.RuleName.CARD_TESTING;
import static io.streamsuite.fraud.RuleName.IMPOSSIBLE_TRAVEL;
import static io.streamsuite.fraud.RuleName.VELOCITY;

import io.streamsuite.topologies.config.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fraud app's configuration keys with the contract's defaults. Each rule parameter is {@code fraud.<rule>.<param>}
 * so that the same name works in the properties file and, without the prefix, in a {@code fraud-rules} override.
 */
public final class FraudSettings {

    /** Upper bound of the amount history: it is kept per card in every state store, so it must stay small. */
    private static final int MAX_HISTORY = 1000;

    public static final Setting<Boolean> VELOCITY_ENABLED = enabledSetting(VELOCITY);
    public static final Setting<Double> VELOCITY_WEIGHT = weightSetting(VELOCITY, 0.5);
    public static final Setting<Integer> VELOCITY_MAX_COUNT = Setting.integer(VELOCITY.key("max-count"), 5,
            1, Integer.MAX_VALUE,
            "A card's transaction is flagged when more than this many of its transactions, itself included, fall within"
                    + " fraud.velocity.window of event time.");
    public static final Setting<Duration> VELOCITY_WINDOW = Setting.duration(VELOCITY.key("window"),
            Duration.ofSeconds(60), "The span of event time, ending at a transaction, in which fraud.velocity.max-count"
                    + " is checked.");

    public static final Setting<Boolean> AMOUNT_SPIKE_ENABLED = enabledSetting(AMOUNT_SPIKE);
    public static final Setting<Double> AMOUNT_SPIKE_WEIGHT = weightSetting(AMOUNT_SPIKE, 0.5);
    public static final Setting<Double> AMOUNT_SPIKE_MULTIPLIER = Setting.decimal(AMOUNT_SPIKE.key("multiplier"), 5.0,
            1.0, Double.MAX_VALUE,
            "A transaction is flagged when its amount is at least this many times the mean of the card's previous"
                    + " amounts.");
    public static final Setting<Integer> AMOUNT_SPIKE_MIN_HISTORY = Setting.integer(AMOUNT_SPIKE.key("min-history"), 5,
            1, MAX_HISTORY, "How many previous transactions a card needs before its mean amount is trusted.");
    public static final Setting<Integer> AMOUNT_SPIKE_HISTORY_SIZE = Setting.integer(AMOUNT_SPIKE.key("history-size"),
            20, 1, MAX_HISTORY, "How many of the card's most recent previous amounts make up the mean.");
    public static final Setting<Double> AMOUNT_SPIKE_MIN_AMOUNT = Setting.decimal(AMOUNT_SPIKE.key("min-amount"), 100.0,
            0.0, Double.MAX_VALUE, "Amounts below this are never a spike, however small the card's usual amounts.");

    public static final Setting<Boolean> IMPOSSIBLE_TRAVEL_ENABLED = enabledSetting(IMPOSSIBLE_TRAVEL);
    public static final Setting<Double> IMPOSSIBLE_TRAVEL_WEIGHT = weightSetting(IMPOSSIBLE_TRAVEL, 0.7);
    public static final Setting<Double> IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM = Setting.decimal(
            IMPOSSIBLE_TRAVEL.key("min-distance-km"), 100.0, 0.0, Double.MAX_VALUE,
            "Two located transactions must be more than this many kilometres apart to be checked for travel speed.");
    public static final Setting<Double> IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH = Setting.decimal(
            IMPOSSIBLE_TRAVEL.key("max-speed-kmh"), 900.0, 0.0, Double.MAX_VALUE,
            "A travel speed above this between a card's consecutive located transactions is impossible"
                    + " (the default is an airliner's cruising speed).");

    public static final Setting<Boolean> BLOCKLISTED_MERCHANT_ENABLED = enabledSetting(BLOCKLISTED_MERCHANT);
    public static final Setting<Double> BLOCKLISTED_MERCHANT_WEIGHT = weightSetting(BLOCKLISTED_MERCHANT, 0.8);

    public static final Setting<Boolean> BLOCKLISTED_CARD_ENABLED = enabledSetting(BLOCKLISTED_CARD);
    public static final Setting<Double> BLOCKLISTED_CARD_WEIGHT = weightSetting(BLOCKLISTED_CARD, 0.9);

    public static final Setting<Boolean> CARD_TESTING_ENABLED = enabledSetting(CARD_TESTING);
    public static final Setting<Double> CARD_TESTING_WEIGHT = weightSetting(CARD_TESTING, 0.6);
    public static final Setting<Double> CARD_TESTING_MAX_AMOUNT = Setting.decimal(CARD_TESTING.key("max-amount"), 2.00,
            0.0, Double.MAX_VALUE, "A transaction is small, the kind used to test a stolen card, when its amount is"
                    + " below this.");
    public static final Setting<Integer> CARD_TESTING_MIN_COUNT = Setting.integer(CARD_TESTING.key("min-count"), 3,
            1, Integer.MAX_VALUE, "A small transaction is flagged when at least this many small transactions of the"
                    + " card, itself included, fall within fraud.card-testing.window.");
    public static final Setting<Duration> CARD_TESTING_WINDOW = Setting.duration(CARD_TESTING.key("window"),
            Duration.ofMinutes(10), "The span of event time, ending at a transaction, in which small transactions"
                    + " are counted.");

    public static final Setting<Duration> GRACE = Setting.nonNegativeDuration("fraud.grace", Duration.ofMinutes(5),
            "How late an out-of-order transaction may arrive and still be evaluated against its full history;"
                    + " each card keeps this much more history.");

    /** 1000 ids of this length, 3 bytes a character at worst, keep a card's stored history below Kafka's 1 MB. */
    public static final Setting<Integer> MAX_ID_LENGTH = Setting.integer("fraud.max-id-length", 256, 1, 4096,
            "The longest transactionId, cardId, accountId, customerId, merchantId or merchantCategory accepted, in"
                    + " characters; a transaction with a longer one is dead-lettered with the reason.");
    public static final Setting<Integer> HISTORY_MAX_TRANSACTIONS = Setting.integer("fraud.history.max-transactions",
            1000, 1, 100_000,
            "The most transactions a card's history keeps, however many it made within the retention; past it the"
                    + " oldest are forgotten first. A bound on one card's stored value (one transaction takes about 30"
                    + " bytes plus its id), far above what a real card makes in fraud.card-testing.window plus"
                    + " fraud.grace.");

    private static final List<Setting<?>> ALL = List.of(
            VELOCITY_ENABLED, VELOCITY_WEIGHT, VELOCITY_MAX_COUNT, VELOCITY_WINDOW,
            AMOUNT_SPIKE_ENABLED, AMOUNT_SPIKE_WEIGHT, AMOUNT_SPIKE_MULTIPLIER, AMOUNT_SPIKE_MIN_HISTORY,
            AMOUNT_SPIKE_HISTORY_SIZE, AMOUNT_SPIKE_MIN_AMOUNT,
            IMPOSSIBLE_TRAVEL_ENABLED, IMPOSSIBLE_TRAVEL_WEIGHT, IMPOSSIBLE_TRAVEL_MIN_DISTANCE_KM,
            IMPOSSIBLE_TRAVEL_MAX_SPEED_KMH,
            BLOCKLISTED_MERCHANT_ENABLED, BLOCKLISTED_MERCHANT_WEIGHT,
            BLOCKLISTED_CARD_ENABLED, BLOCKLISTED_CARD_WEIGHT,
            CARD_TESTING_ENABLED, CARD_TESTING_WEIGHT, CARD_TESTING_MAX_AMOUNT, CARD_TESTING_MIN_COUNT,
            CARD_TESTING_WINDOW,
            GRACE, HISTORY_MAX_TRANSACTIONS, MAX_ID_LENGTH);

    private static final Map<String, Setting<?>> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

    private FraudSettings() {
    }

    /** Every key of the app's own namespace, for the runner to validate and document. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    /** Whether a rule runs at all. */
    public static Setting<Boolean> enabled(RuleName rule) {
        return switch (rule) {
            case VELOCITY -> VELOCITY_ENABLED;
            case AMOUNT_SPIKE -> AMOUNT_SPIKE_ENABLED;
            case IMPOSSIBLE_TRAVEL -> IMPOSSIBLE_TRAVEL_ENABLED;
            case BLOCKLISTED_MERCHANT -> BLOCKLISTED_MERCHANT_ENABLED;
            case BLOCKLISTED_CARD -> BLOCKLISTED_CARD_ENABLED;
            case CARD_TESTING -> CARD_TESTING_ENABLED;
        };
    }

    /** How much a rule firing contributes to the risk score. */
    public static Setting<Double> weight(RuleName rule) {
        return switch (rule) {
            case VELOCITY -> VELOCITY_WEIGHT;
            case AMOUNT_SPIKE -> AMOUNT_SPIKE_WEIGHT;
            case IMPOSSIBLE_TRAVEL -> IMPOSSIBLE_TRAVEL_WEIGHT;
            case BLOCKLISTED_MERCHANT -> BLOCKLISTED_MERCHANT_WEIGHT;
            case BLOCKLISTED_CARD -> BLOCKLISTED_CARD_WEIGHT;
            case CARD_TESTING -> CARD_TESTING_WEIGHT;
        };
    }

    /**
     * The parameter names a {@code fraud-rules} override may set for a rule: its key suffixes except
     * {@code enabled}, which the override carries as a field of its own.
     */
    public static List<String> paramNames(RuleName rule) {
        String prefix = rule.key("");
        return ALL.stream()
                .map(Setting::key)
                .filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length()))
                .filter(name -> !name.equals("enabled"))
                .toList();
    }

    /** The setting behind an override parameter name, if the rule has that parameter. */
    static Optional<Setting<?>> param(RuleName rule, String name) {
        if (name == null || name.equals("enabled")) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_KEY.get(rule.key(name)));
    }

    private static Setting<Boolean> enabledSetting(RuleName rule) {
        return Setting.bool(rule.key("enabled"), true, "Whether the " + rule + " rule runs; false switches it off.");
    }

    private static Setting<Double> weightSetting(RuleName rule, double defaultValue) {
        return Setting.decimal(rule.key("weight"), defaultValue, 0.0, 1.0,
                "How much " + rule + " firing adds to the risk score: the probability, from 0 to 1, that it means"
                        + " fraud.");
    }
}
