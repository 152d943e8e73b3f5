package io.streamsuite.fraud.backtest;

import io.streamsuite.topologies.config.Durations;
import io.streamsuite.topologies.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code --backtest}: {@code <file.properties> --backtest --from T --to T [--warm-up D]
 * [--set key=value ...] [--confirmed FILE] [--keep-output]}.
 *
 * @param from       the first record timestamp compared (inclusive)
 * @param to         the end of the range (exclusive): records stamped at or after it are not evaluated
 * @param warmUp     read before {@code from} to fill the cards' histories, not compared; zero for none
 * @param sets       the {@code --set key=value} arguments: the rule change
 * @param confirmed  a file of confirmed frauds ({@link ConfirmedFrauds}), for precision and recall
 * @param keepOutput keep the side topic with the backtest's alerts instead of deleting it
 */
public record BacktestOptions(Path configFile, Instant from, Instant to, Duration warmUp, List<String> sets,
                              Optional<Path> confirmed, boolean keepOutput) {

    public static final String USAGE = "<file.properties> --backtest --from <ISO date-time> --to <ISO date-time>"
            + " [--warm-up D] [--set key=value ...] [--confirmed FILE] [--keep-output]";

    public BacktestOptions {
        sets = List.copyOf(sets);
    }

    /** Whether the arguments ask for a backtest rather than a run of the app. */
    public static boolean requested(String... args) {
        return List.of(args).contains("--backtest");
    }

    /** @throws InvalidConfigException naming what is wrong, with the usage */
    public static BacktestOptions parse(String... args) {
        Path file = null;
        Instant from = null;
        Instant to = null;
        Duration warmUp = Duration.ZERO;
        List<String> sets = new ArrayList<>();
        Path confirmed = null;
        boolean keepOutput = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--backtest" -> { }
                case "--keep-output" -> keepOutput = true;
                case "--from" -> from = dateTime(arg, value(args, ++i, arg));
                case "--to" -> to = dateTime(arg, value(args, ++i, arg));
                case "--warm-up" -> warmUp = duration(value(args, ++i, arg));
                case "--set" -> sets.add(value(args, ++i, arg));
                case "--confirmed" -> confirmed = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new InvalidConfigException("Unknown option " + arg + " for --backtest; usage: " + USAGE);
                    }
                    if (file != null) {
                        throw new InvalidConfigException("Only one properties file is accepted, got " + file + " and " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new InvalidConfigException("No properties file given; usage: " + USAGE);
        }
        if (from == null || to == null) {
            throw new InvalidConfigException("--backtest needs the range: both --from and --to; usage: " + USAGE);
        }
        if (!from.isBefore(to)) {
            throw new InvalidConfigException("--from " + from + " must be before --to " + to);
        }
        return new BacktestOptions(file, from, to, warmUp, sets, Optional.ofNullable(confirmed), keepOutput);
    }

    /** Where reading starts: {@code from} less the warm-up. */
    public Instant readFrom() {
        return from.minus(warmUp);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new InvalidConfigException(option + " needs a value after it; usage: " + USAGE);
        }
        return args[index];
    }

    private static Instant dateTime(String option, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException(option + " '" + value + "' is not an ISO-8601 date-time with a zone,"
                    + " such as 2026-12-07T10:00:00Z or 2026-12-07T11:00:00+01:00");
        }
    }

    private static Duration duration(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("--warm-up '" + value + "' is not a duration such as PT15M, 15m or 1h");
        }
        if (duration.isNegative()) {
            throw new InvalidConfigException("--warm-up '" + value + "' cannot be negative");
        }
        return duration;
    }
}
