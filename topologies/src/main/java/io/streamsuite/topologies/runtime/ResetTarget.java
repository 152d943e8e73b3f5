package io.streamsuite.topologies.runtime;

import io.streamsuite.topologies.config.Durations;
import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where {@code --reset} moves the app's input offsets: the earliest offset (a full replay), the first record at or
 * after a point in time ({@code --to-datetime}, {@code --by-duration}), or offsets given per partition in a file
 * ({@code --to-offset}). Everything else about a reset (internal topics deleted, local state wiped) is the same for
 * all: the app rebuilds its state from the replayed records only.
 */
sealed interface ResetTarget {

    /** A full replay, from the earliest offset of every input partition. */
    ResetTarget EARLIEST = new Earliest();

    /** How the plan names the target, after "Input offsets of group X, ". */
    String describe();

    /** Where the inputs now start, after "Reset N input offset(s) of group X ". */
    default String done() {
        return describe();
    }

    /** Every input from its earliest offset. */
    record Earliest() implements ResetTarget {
        @Override
        public String describe() {
            return "back to the earliest offset";
        }

        @Override
        public String done() {
            return "to the earliest";
        }
    }

    /**
     * Every input from its first record whose timestamp is at or after {@code time}, or from its end when it has none
     * that late. Record timestamps are what Kafka indexes: the producer's (CreateTime) unless the topic stamps the
     * append time.
     *
     * @param origin how the time was given, for the plan
     */
    record AtTime(Instant time, String origin) implements ResetTarget {
        @Override
        public String describe() {
            return "to the first record at or after " + time + origin;
        }
    }

    /**
     * Offsets from a file, one {@code topic,partition,offset} per line as {@code kafka-consumer-groups --from-file}
     * reads them; every input partition must be listed.
     */
    record Offsets(Map<TopicPartition, Long> offsets, Path file) implements ResetTarget {
        public Offsets {
            offsets = Map.copyOf(offsets);
        }

        @Override
        public String describe() {
            return "to the offsets of " + file;
        }
    }

    /** {@code --to-datetime}: an ISO-8601 date-time with a zone ({@code 2026-12-07T10:00:00Z}, {@code ...+01:00}). */
    static ResetTarget toDatetime(String value) {
        try {
            return new AtTime(OffsetDateTime.parse(value).toInstant(), "");
        } catch (DateTimeParseException e) {
            throw new InvalidConfigException("--to-datetime '" + value + "' is not an ISO-8601 date-time with a zone,"
                    + " such as 2026-12-07T10:00:00Z or 2026-12-07T11:00:00+01:00");
        }
    }

    /** {@code --by-duration}: that long before now, as a duration of the config files ({@code PT1H}, {@code 90m}). */
    static ResetTarget byDuration(String value, Clock clock) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("--by-duration '" + value + "' is not a duration such as PT1H, 90m or 2h");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigException("--by-duration '" + value + "' must be longer than zero: it goes back from now");
        }
        return new AtTime(clock.instant().minus(duration), " (" + value + " before now)");
    }

    /** {@code --to-offset}: reads the file; a malformed line or a partition listed twice is a configuration error. */
    static ResetTarget toOffsets(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("--to-offset " + file + " cannot be read: " + e.getMessage());
        }
        Map<TopicPartition, Long> offsets = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String where = "--to-offset " + file + " line " + (i + 1) + " '" + line + "'";
            if (fields.length != 3 || fields[0].isBlank()) {
                throw new InvalidConfigException(where + " is not topic,partition,offset");
            }
            TopicPartition partition;
            long offset;
            try {
                partition = new TopicPartition(fields[0].strip(), Integer.parseInt(fields[1].strip()));
                offset = Long.parseLong(fields[2].strip());
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(where + ": the partition and the offset must be whole numbers");
            }
            if (partition.partition() < 0 || offset < 0) {
                throw new InvalidConfigException(where + ": the partition and the offset cannot be negative");
            }
            if (offsets.put(partition, offset) != null) {
                throw new InvalidConfigException(where + ": " + partition + " is listed twice");
            }
        }
        if (offsets.isEmpty()) {
            throw new InvalidConfigException("--to-offset " + file + " lists no topic,partition,offset");
        }
        return new Offsets(offsets, file);
    }
}
