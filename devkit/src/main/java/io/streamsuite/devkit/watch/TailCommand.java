package io.streamsuite.devkit.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code devkit tail <topic>}: a topic's records as readable JSON, one per line, as they are committed. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints a topic's committed records as `key  json`, following new ones until Ctrl-C.")
public final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", description = "The topic, e.g. fraud-alerts")
    String topic;

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest")
    boolean fromBeginning;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        try (CommittedRecords records = new CommittedRecords(bootstrapServers, List.of(topic), fromBeginning)) {
            Runtime.getRuntime().addShutdownHook(new Thread(records::wakeup, "tail-stop"));
            records.refreshAssignment(true);
            try {
                while (true) {
                    for (ConsumerRecord<byte[], byte[]> record : records.poll(Duration.ofMillis(500))) {
                        out.println(text(record.key()) + "  " + json(record.value()));
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

    /** Compact JSON when it parses, the raw text otherwise (a dead letter, say). */
    private static String json(byte[] value) {
        if (value == null) {
            return "null";
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(value));
        } catch (IOException e) {
            return text(value);
        }
    }
}
