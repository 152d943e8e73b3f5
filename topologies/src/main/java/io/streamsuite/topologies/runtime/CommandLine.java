package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed arguments: {@code <file.properties> [--set key=value ...] [--describe | --reset [--to-datetime T |
 * --by-duration D | --to-offset FILE] [--yes]] [--help]}.
 *
 * @param configFile  the properties file; null only with {@code --help}
 * @param reset       reset the application instead of running it ({@link AppReset}); a dry run unless {@code confirmed}
 * @param confirmed   {@code --yes}: the reset may change Kafka and local state
 * @param resetTarget where the reset moves the input offsets: the earliest unless a replay point is given
 */
public record CommandLine(Path configFile, List<String> sets, boolean describe, boolean help, boolean reset, boolean confirmed,
                          ResetTarget resetTarget) {

    /** The usage line shown by {@code --help} and after a wrong argument. */
    public static final String USAGE = "<file.properties> [--set key=value ...] [--describe | --reset [--to-datetime T"
            + " | --by-duration D | --to-offset FILE] [--yes]] [--help]";

    public CommandLine {
        sets = List.copyOf(sets);
    }

    public CommandLine(Path configFile, List<String> sets, boolean describe, boolean help, boolean reset, boolean confirmed) {
        this(configFile, sets, describe, help, reset, confirmed, ResetTarget.EARLIEST);
    }

    public CommandLine(Path configFile, List<String> sets, boolean describe, boolean help) {
        this(configFile, sets, describe, help, false, false);
    }

    /** @throws InvalidConfigException for an unknown option, a missing value or a missing file argument */
    public static CommandLine parse(String... args) {
        return parse(Clock.systemUTC(), args);
    }

    /** {@link #parse(String...)} with the clock {@code --by-duration} counts back from. */
    static CommandLine parse(Clock clock, String... args) {
        ResetTarget target = null;
        String targetOption = null;
        Path file = null;
        List<String> sets = new ArrayList<>();
        boolean describe = false;
        boolean help = false;
        boolean reset = false;
        boolean confirmed = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--describe" -> describe = true;
                case "--reset" -> reset = true;
                case "--yes" -> confirmed = true;
                case "--to-datetime", "--by-duration", "--to-offset" -> {
                    if (i + 1 >= args.length) {
                        throw new InvalidConfigException(arg + " needs a value after it; usage: " + USAGE);
                    }
                    if (targetOption != null) {
                        throw new InvalidConfigException(targetOption + " and " + arg + " cannot be combined: a reset has"
                                + " one replay point; usage: " + USAGE);
                    }
                    targetOption = arg;
                    String value = args[++i];
                    target = switch (arg) {
                        case "--to-datetime" -> ResetTarget.toDatetime(value);
                        case "--by-duration" -> ResetTarget.byDuration(value, clock);
                        default -> ResetTarget.toOffsets(Path.of(value));
                    };
                }
                case "--set" -> {
                    if (i + 1 >= args.length) {
                        throw new InvalidConfigException("--set needs a key=value after it");
                    }
                    sets.add(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--set=")) {
                        sets.add(arg.substring("--set=".length()));
                    } else if (arg.startsWith("-")) {
                        throw new InvalidConfigException("Unknown option " + arg + "; usage: " + USAGE);
                    } else if (file != null) {
                        throw new InvalidConfigException("Only one properties file is accepted, got " + file + " and " + arg);
                    } else {
                        file = Path.of(arg);
                    }
                }
            }
        }
        if (file == null && !help) {
            throw new InvalidConfigException("No properties file given; usage: " + USAGE);
        }
        if (reset && describe) {
            throw new InvalidConfigException("--reset and --describe cannot be combined; usage: " + USAGE);
        }
        if (confirmed && !reset) {
            throw new InvalidConfigException("--yes only confirms --reset; usage: " + USAGE);
        }
        if (targetOption != null && !reset) {
            throw new InvalidConfigException(targetOption + " only goes with --reset; usage: " + USAGE);
        }
        return new CommandLine(file, sets, describe, help, reset, confirmed, target == null ? ResetTarget.EARLIEST : target);
    }
}
