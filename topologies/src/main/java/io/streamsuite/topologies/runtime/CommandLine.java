package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed arguments: {@code <file.properties> [--set key=value ...] [--describe] [--help]}.
 *
 * @param configFile the properties file; null only with {@code --help}
 */
public record CommandLine(Path configFile, List<String> sets, boolean describe, boolean help) {

    /** The usage line shown by {@code --help} and after a wrong argument. */
    public static final String USAGE = "<file.properties> [--set key=value ...] [--describe] [--help]";

    public CommandLine {
        sets = List.copyOf(sets);
    }

    /** @throws InvalidConfigException for an unknown option, a missing value or a missing file argument */
    public static CommandLine parse(String... args) {
        Path file = null;
        List<String> sets = new ArrayList<>();
        boolean describe = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--describe" -> describe = true;
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
        return new CommandLine(file, sets, describe, help);
    }
}
