package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code devkit caught-up} against a real broker: a group behind its input waits, one at the end returns at once. */
class CaughtUpCommandIT {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void waitsUntilTheGroupHasCommittedTheEndOfWhatItReads() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopic("in", 2);
            kafka.createTopic("app-a-by-key-repartition", 1);
            kafka.produce("in", IntStream.range(0, 10).mapToObj(i -> KeyValue.pair("k" + i, "v" + i)).toList());
            kafka.produce("app-a-by-key-repartition", List.of(KeyValue.pair("k", "v")));
            TopicPartition in0 = new TopicPartition("in", 0);
            TopicPartition in1 = new TopicPartition("in", 1);
            long end0 = kafka.admin().listOffsets(Map.of(in0, OffsetSpec.latest()))
                    .partitionResult(in0).get().offset();
            long end1 = 10 - end0;

            assertThat(run(kafka, "app-a")).as("nothing committed yet").startsWith("1|")
                    .contains("app-a (nothing committed yet)");

            kafka.admin().alterConsumerGroupOffsets("app-a", Map.of(in0, new OffsetAndMetadata(end0),
                    in1, new OffsetAndMetadata(0))).all().get();
            assertThat(run(kafka, "app-a")).as("partition 1 and the repartition topic not processed")
                    .isEqualTo("1|not caught up within PT1S: records not yet processed app-a " + (end1 + 1) + "\n");

            kafka.admin().alterConsumerGroupOffsets("app-a", Map.of(in1, new OffsetAndMetadata(end1),
                    new TopicPartition("app-a-by-key-repartition", 0), new OffsetAndMetadata(1))).all().get();
            assertThat(run(kafka, "app-a")).startsWith("0|caught up: app-a after ");
        }
    }

    /** The exit code and the output, as {@code exit|output}. */
    private static String run(EmbeddedKafka kafka, String group) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new CaughtUpCommand(out)).execute("--bootstrap-servers", kafka.bootstrapServers(),
                "--group", group, "--timeout", "PT1S");
        return exit + "|" + bytes.toString(StandardCharsets.UTF_8);
    }
}
