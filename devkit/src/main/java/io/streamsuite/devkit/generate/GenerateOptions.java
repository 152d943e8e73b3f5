package io.streamsuite.devkit.generate;

import io.streamsuite.devkit.EncodingOptions;
import io.streamsuite.topologies.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code generate <domain>} command takes. */
final class GenerateOptions {

    /** The rate the populations are sized for when {@code --rate 0} asks for no pacing. */
    static final double DEFAULT_RATE = 50;

    /** Exactly one destination. */
    static final class Destination {
        @Option(names = "--bootstrap-servers", paramLabel = "host:port",
                description = "Kafka brokers to send to, host:port[,host:port...]")
        String bootstrapServers;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Write JSON lines {\"topic\",\"key\",\"value\"} to FILE instead of Kafka (--format json only)")
        Path out;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
            description = "Events per second on average (default: ${DEFAULT-VALUE}); the simulated population is sized"
                    + " for it. 0 = as fast as possible (with --count or --duration): the traffic of the default rate,"
                    + " with event times backdated so that they end about now")
    double rate;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N events (transactions, click events or readings); default: until Ctrl-C")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this much event time, e.g. 30s, 5m, 2h or PT90S; default: until Ctrl-C")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulation: the same seed gives the same traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--ground-truth", paramLabel = "FILE",
            description = "Write the injected events and entities, and why, as JSON lines to FILE")
    Path groundTruth;

    @Mixin
    EncodingOptions encoding;

    @Option(names = "--quiet", description = "No progress bar")
    boolean quiet;

    /** The rate the generator sizes its population for. */
    double populationRate() {
        return rate == 0 ? DEFAULT_RATE : rate;
    }

    /** Parses {@code 30s}, {@code 5m} or ISO-8601, and refuses anything not positive. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: expected " + Durations.FORMAT);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a positive duration");
            }
            return duration;
        }
    }
}
