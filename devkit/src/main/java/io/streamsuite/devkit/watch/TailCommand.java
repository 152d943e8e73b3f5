package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.devkit.EncodingOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code devkit tail <topic>}: a topic's records as readable JSON, one per line, as they are committed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints a topic's committed records as `key  json`, following new ones until Ctrl-C; in an Avro"
                + " --format the suite's topics are decoded to the JSON the apps write in json.")
public final class TailCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The topic, e.g. fraud-alerts")
    String topic;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest")
    boolean fromBeginning;

    @Mixin
    EncodingOptions encoding;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        ValueDecoder decoder = new ValueDecoder(encoding.serdes(spec.commandLine()));
        try (CommittedRecords records = new CommittedRecords(bootstrapServers, List.of(topic), fromBeginning)) {
            Runtime.getRuntime().addShutdownHook(new Thread(records::wakeup, "tail-stop"));
            records.refreshAssignment(true);
            try {
                while (true) {
                    for (ConsumerRecord<byte[], byte[]> record : records.poll(Duration.ofMillis(500))) {
                        out.println(text(record.key()) + "  " + shown(decoder, record.topic(), record.value()));
                    }
                    records.refreshAssignment(false);
                }
            } catch (WakeupException stopped) {
                return 0;
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Compact JSON when it decodes, else the raw text, or the size of binary bytes (a dead letter, say). */
    private static String shown(ValueDecoder decoder, String topic, byte[] value) {
        if (value == null) {
            return "null";
        }
        return decoder.decode(topic, value).map(JsonNode::toString).orElseGet(() -> isText(value) ? text(value)
                : "(" + value.length + " bytes, not a readable event of " + topic + ")");
    }

    private static boolean isText(byte[] value) {
        for (byte b : value) {
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
