package io.streamsuite.devkit;

import io.streamsuite.topologies.runtime.GroupLag;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code devkit caught-up}: waits until each app has processed everything written to its inputs, by the group's
 * committed offsets: at the end of every partition it has committed on, and of its repartition topics. What a script
 * waits for before it judges the apps' outputs, instead of sleeping for a guess.
 */
@Command(name = "caught-up", mixinStandardHelpOptions = true,
        description = "Waits until every named app (consumer or streams group) has committed the end of each partition"
                + " it reads, repartition topics included; exit 0 then, 1 if the timeout passes first.")
public final class CaughtUpCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka, e.g. localhost:9092")
    String bootstrapServers;

    @Option(names = "--group", required = true, split = ",",
            description = "The apps' application.id (their group), repeatable or comma-separated")
    List<String> groups;

    @Option(names = "--timeout", defaultValue = "PT2M",
            description = "Longest wait, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration timeout;

    private final PrintStream out;

    public CaughtUpCommand() {
        this(System.out);
    }

    CaughtUpCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextReport = started + REPORT_EVERY.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                Map<String, Long> lag = new TreeMap<>();
                for (String group : groups) {
                    lag.put(group, GroupLag.recordsBehind(admin, group, CALL_TIMEOUT));
                }
                if (lag.values().stream().allMatch(behind -> behind == 0)) {
                    out.printf("caught up: %s after %.1f s%n", String.join(", ", groups), (System.nanoTime() - started) / 1e9);
                    return 0;
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    out.println("not caught up within " + timeout + ": records not yet processed " + describe(lag));
                    return 1;
                }
                if (now > nextReport) {
                    out.println("waiting for the apps: records not yet processed " + describe(lag));
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static String describe(Map<String, Long> lag) {
        StringBuilder text = new StringBuilder();
        lag.forEach((group, behind) -> text.append(text.isEmpty() ? "" : ", ").append(group).append(' ')
                .append(behind < 0 ? "(nothing committed yet)" : behind));
        return text.toString();
    }
}
