package io.streamsuite.devkit;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
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
    private static final long CALL_TIMEOUT_MS = 10_000;

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
                    lag.put(group, lag(admin, group));
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

    /**
     * Records of the group's partitions not yet covered by its committed offsets; -1 while the group has committed
     * nothing, since a group that has not started has not caught up either.
     */
    static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        if (committed.isEmpty()) {
            return -1;
        }
        Set<String> topics = new HashSet<>();
        committed.keySet().forEach(partition -> topics.add(partition.topic()));
        get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition"))
                .forEach(topics::add);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames()).values().forEach(topic -> topic.partitions().forEach(
                partition -> ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        long behind = 0;
        for (var end : get(admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            behind += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
        }
        return behind;
    }

    private static String describe(Map<String, Long> lag) {
        StringBuilder text = new StringBuilder();
        lag.forEach((group, behind) -> text.append(text.isEmpty() ? "" : ", ").append(group).append(' ')
                .append(behind < 0 ? "(nothing committed yet)" : behind));
        return text.toString();
    }

    private static <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
