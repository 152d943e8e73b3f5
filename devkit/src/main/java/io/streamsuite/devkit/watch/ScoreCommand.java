package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.devkit.EncodingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code devkit score}: precision and recall of the apps' alerts against a generator's ground truth. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Compares the alerts in fraud-alerts, clickstream-bot-alerts and iot-alerts with ground-truth"
                + " files written by `generate --ground-truth`, per rule and alert type.")
public final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALERT_TOPICS = List.of("fraud-alerts", "clickstream-bot-alerts", "iot-alerts");

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--ground-truth", required = true,
            description = "A ground-truth file (JSON lines), or a directory of them (*.jsonl)")
    Path groundTruth;

    @Option(names = "--since", defaultValue = "0",
            description = "Ignore alerts about events before this epoch millisecond (earlier runs on the same topics)")
    long since;

    @Mixin
    EncodingOptions encoding;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ValueDecoder decoder = new ValueDecoder(encoding.serdes(spec.commandLine()));
        DetectionScore score = new DetectionScore();
        truthLines().forEach(score::expect);
        try (CommittedRecords records = new CommittedRecords(bootstrapServers, ALERT_TOPICS, true)) {
            records.refreshAssignment(true);
            do {
                for (ConsumerRecord<byte[], byte[]> record : records.poll(Duration.ofMillis(200))) {
                    JsonNode alert = decoder.decode(record.topic(), record.value()).orElse(null);
                    if (alert != null && eventTime(alert) >= since) {
                        score.alert(record.topic(), alert);
                    }
                }
            } while (!records.caughtUp());
        }
        PrintWriter out = spec.commandLine().getOut();
        score.render().forEach(out::println);
        out.flush();
        return 0;
    }

    private static long eventTime(JsonNode alert) {
        return alert.has("eventTime") ? alert.path("eventTime").asLong() : alert.path("windowEnd").asLong();
    }

    private List<JsonNode> truthLines() {
        try (Stream<Path> files = Files.isDirectory(groundTruth)
                ? Files.list(groundTruth).filter(file -> file.toString().endsWith(".jsonl")).sorted()
                : Stream.of(groundTruth)) {
            return files.flatMap(ScoreCommand::lines).filter(line -> !line.isBlank()).map(ScoreCommand::parseLine)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ground truth " + groundTruth, e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ground truth " + file, e);
        }
    }

    private static JsonNode parseLine(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON line in the ground truth: " + line, e);
        }
    }

}
