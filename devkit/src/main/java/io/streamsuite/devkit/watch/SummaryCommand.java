package io.streamsuite.devkit.watch;

import io.streamsuite.devkit.EncodingOptions;
import io.streamsuite.topologies.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code devkit summary}: every few seconds, what the suite has taken in and found since the summary started. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints what the apps have found: alerts by rule and type, sessions, top pages, offline devices,"
                + " dead letters. Reads the output topics read_committed, without a consumer group, in the apps' --format.")
public final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--every", defaultValue = "5s", converter = DurationConverter.class,
            description = "How often to print (default: ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--from-beginning", description = "Count everything in the topics, not only what comes after the start")
    boolean fromBeginning;

    @Option(names = "--once", description = "Read what is committed now, print once and exit")
    boolean once;

    @Option(names = "--dashboard-url", description = "The dashboard's address, repeated with every summary")
    String dashboardUrl;

    @Mixin
    EncodingOptions encoding;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> counted = new ArrayList<>(SuiteSummary.INPUTS);
        counted.addAll(SuiteSummary.DEAD_LETTERS);
        ValueDecoder decoder = new ValueDecoder(encoding.serdes(spec.commandLine()));
        SuiteSummary summary = new SuiteSummary();
        try (CommittedRecords records = new CommittedRecords(bootstrapServers, SuiteSummary.OUTPUTS, fromBeginning)) {
            Thread main = Thread.currentThread();
            if (!once) {
                // Ctrl-C ends the watch with the poll it interrupts; a single read just ends with the JVM
                Runtime.getRuntime().addShutdownHook(new Thread(records::wakeup, "summary-stop"));
            }
            Map<String, Long> baseline = fromBeginning ? zeros(counted) : records.sizes(counted);
            records.refreshAssignment(true);
            long nextPrint = System.nanoTime() + every.toNanos();
            try {
                while (!main.isInterrupted()) {
                    for (ConsumerRecord<byte[], byte[]> record : records.poll(Duration.ofMillis(200))) {
                        summary.add(record.topic(), decoder.decode(record.topic(), record.value()).orElse(null));
                    }
                    if (once && records.caughtUp()) {
                        print(summary, records, counted, baseline);
                        return 0;
                    }
                    if (!once && System.nanoTime() >= nextPrint) {
                        print(summary, records, counted, baseline);
                        records.refreshAssignment(false);
                        nextPrint = System.nanoTime() + every.toNanos();
                    }
                }
            } catch (WakeupException stopped) {
                // Ctrl-C: the shutdown hook woke the poll up
            }
        }
        return 0;
    }

    private void print(SuiteSummary summary, CommittedRecords records, List<String> counted,
                       Map<String, Long> baseline) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> now = records.sizes(counted);
        Map<String, Long> inputs = new HashMap<>();
        Map<String, Long> deadLetters = new HashMap<>();
        now.forEach((topic, size) -> {
            long grown = Math.max(0, size - baseline.getOrDefault(topic, 0L));
            (SuiteSummary.DEAD_LETTERS.contains(topic) ? deadLetters : inputs).put(topic, grown);
        });
        out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "]"
                + (dashboardUrl == null ? "" : "  dashboard: " + dashboardUrl));
        summary.render(inputs, deadLetters).forEach(line -> out.println("  " + line));
        out.flush();
    }

    private static Map<String, Long> zeros(List<String> topics) {
        Map<String, Long> zeros = new HashMap<>();
        topics.forEach(topic -> zeros.put(topic, 0L));
        return zeros;
    }

    /** Durations as the apps take them: {@code 5s}, {@code 250ms}, {@code PT5S}. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
