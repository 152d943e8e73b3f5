package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --reset} against a real broker: the sample app reprocesses its input after a reset and gives the same outputs. */
class AppResetIT {

    static final int ORDERS = 60;
    /**
     * Recent event times: the topics keep the broker's default retention (7 days), which would delete records stamped
     * long ago between the runs.
     */
    static final long T0 = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    @BeforeAll
    static void startKafka() {
        // a stream thread that fails is the runner's to replace (Kafka 4.4.0 fails a new streams group's first
        // heartbeats): not a failure of the condition a test waits for, as Awaitility would take it by default
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "streams"})
    void afterResetReprocessingTheSameInputGivesTheSameOutputsAgain(String protocol) throws Exception {
        String id = "reset-" + protocol;
        Path config = configFile(id, "group.protocol=" + protocol);
        String changelog = id + "-" + SampleApp.STORE + "-changelog";
        String repartition = id + "-sample-by-customer-repartition";
        Path stateDir = dir.resolve("state").resolve(id);

        StreamsRunner first = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> firstExit = start(first, config);
        kafka.produce(id + "-orders", orders());
        Map<String, List<String>> firstOutputs = perKey(kafka.consume(id + "-totals", ORDERS, Duration.ofSeconds(60)));
        kafka.awaitCaughtUp(id, Duration.ofSeconds(60));
        first.stop();
        assertThat(firstExit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        assertThat(topics()).contains(changelog, repartition);
        assertThat(kafka.readAll(changelog, Duration.ofSeconds(30))).hasSize(ORDERS);
        assertThat(stateDir).isNotEmptyDirectory();
        awaitNoMembers(id, protocol);

        Map<TopicPartition, OffsetAndMetadata> committed = committed(id, protocol);
        List<Path> localState = files(stateDir);
        Outcome dryRun = reset(config, "--reset");
        assertThat(dryRun.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(dryRun.err().lines().toList()).containsExactly("sample-app: Nothing changed: add --yes to reset " + id + " as listed above");
        assertThat(dryRun.out()).startsWith("Reset of sample-app, application.id " + id + ", at " + kafka.bootstrapServers() + "\n"
                        + "Input offsets of group " + id + ", back to the earliest offset:\n")
                .contains("Internal topics to delete (the app creates them again, empty, at its next start):\n  " + repartition + "\n  " + changelog + "\n")
                .contains("Local state to wipe: " + stateDir + "\n")
                .endsWith("Not touched: output topics " + id + "-totals (their consumers will see the outputs again); dead-letter topic " + id + "-dlq\n");
        for (int partition = 0; partition < 3; partition++) {
            long offset = committed.get(new TopicPartition(id + "-orders", partition)).offset();
            assertThat(dryRun.out()).contains(String.format("  %s-orders  partition %d  committed %d -> 0%n", id, partition, offset));
        }
        assertThat(committed(id, protocol)).as("a dry run commits nothing").isEqualTo(committed);
        assertThat(topics()).as("a dry run deletes nothing").contains(changelog, repartition);
        assertThat(files(stateDir)).as("a dry run wipes nothing").isEqualTo(localState);

        Outcome done = reset(config, "--reset", "--yes");
        assertThat(done.err()).isEmpty();
        assertThat(done.code()).isEqualTo(ExitCode.OK);
        assertThat(done.out()).contains("Reset 3 input offset(s) of group " + id + " to the earliest\n", "Deleted 2 internal topic(s)\n",
                "Wiped local state " + stateDir + ": no store left");
        assertThat(committed(id, protocol)).as("input offsets at the start, none left on internal topics")
                .containsOnlyKeys(new TopicPartition(id + "-orders", 0), new TopicPartition(id + "-orders", 1), new TopicPartition(id + "-orders", 2))
                .allSatisfy((partition, offset) -> assertThat(offset.offset()).isZero());
        assertThat(topics()).doesNotContain(changelog, repartition).contains(id + "-orders", id + "-totals", id + "-dlq");
        assertThat(taskDirectories(stateDir)).as("no task state left").isEmpty();

        StreamsRunner second = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> secondExit = start(second, config);
        Map<String, List<String>> allOutputs = perKey(kafka.consume(id + "-totals", 2 * ORDERS, Duration.ofSeconds(60)));
        kafka.awaitCaughtUp(id, Duration.ofSeconds(60));
        second.stop();
        assertThat(secondExit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);

        Map<String, List<String>> twice = new TreeMap<>();
        firstOutputs.forEach((customer, totals) -> twice.put(customer, Stream.concat(totals.stream(), totals.stream()).toList()));
        assertThat(allOutputs).as("every customer's running totals, from the start again and identical").isEqualTo(twice);
        List<ConsumerRecord<byte[], byte[]>> freshChangelog = kafka.readAll(changelog, Duration.ofSeconds(30));
        assertThat(freshChangelog).as("the changelog holds the second run only").hasSize(ORDERS);
        Map<String, List<String>> changelogPerKey = perKey(freshChangelog);
        changelogPerKey.forEach((customer, totals) -> assertThat(totals).isEqualTo(firstOutputs.get(customer)));
    }

    /**
     * A replay from a point in the middle of the input: the outputs after {@code --reset --to-datetime} are exactly those
     * of a fresh deployment whose input starts at that point (the same records, timestamps and partitions), so every
     * customer's total starts again from nothing at the replay point.
     */
    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"streams", "classic"})
    void aReplayFromADatetimeGivesWhatAFreshDeploymentStartedThereGives(String protocol) throws Exception {
        int replayFrom = 40;
        String id = "replay-" + protocol;
        Path config = configFile(id, "group.protocol=" + protocol);
        StreamsRunner first = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> firstExit = start(first, config);
        kafka.produce(stamped(id + "-orders", 0));
        kafka.consume(id + "-totals", ORDERS, Duration.ofSeconds(60));
        kafka.awaitCaughtUp(id, Duration.ofSeconds(60));
        first.stop();
        assertThat(firstExit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        awaitNoMembers(id, protocol);
        Map<TopicPartition, Long> firstRunEnds = endOffsets(id + "-totals");

        // the fresh deployment in a classic group whatever the protocol under test (its outputs do not depend on it): a
        // second streams group joining this 4.4 broker shortly after another failed its first heartbeat now and then
        // (UNKNOWN_SERVER_ERROR, NoSuchElementException in the coordinator's EndpointToPartitionsManager)
        String freshId = "fresh-" + protocol;
        StreamsRunner fresh = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> freshExit = start(fresh, configFile(freshId, "group.protocol=classic"));
        kafka.produce(stamped(freshId + "-orders", replayFrom));
        List<ConsumerRecord<byte[], byte[]>> freshOutputs = kafka.consume(freshId + "-totals", ORDERS - replayFrom, Duration.ofSeconds(60));
        kafka.awaitCaughtUp(freshId, Duration.ofSeconds(60));
        fresh.stop();
        assertThat(freshExit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);

        Instant point = Instant.ofEpochMilli(T0 + replayFrom * 1000L);
        Outcome done = reset(config, "--reset", "--to-datetime", point.toString(), "--yes");
        assertThat(done.err()).isEmpty();
        assertThat(done.code()).isEqualTo(ExitCode.OK);
        assertThat(done.out()).contains("Input offsets of group " + id + ", to the first record at or after " + point + ":\n",
                "Reset 3 input offset(s) of group " + id + " to the first record at or after " + point + "\n");

        StreamsRunner second = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> secondExit = start(second, config);
        kafka.consume(id + "-totals", 2 * ORDERS - replayFrom, Duration.ofSeconds(60));
        kafka.awaitCaughtUp(id, Duration.ofSeconds(60));
        second.stop();
        assertThat(secondExit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        List<ConsumerRecord<byte[], byte[]>> replayed = kafka.readAll(id + "-totals", Duration.ofSeconds(30)).stream()
                .filter(record -> record.offset() >= firstRunEnds.get(new TopicPartition(record.topic(), record.partition())))
                .toList();


        assertThat(replayed).hasSize(ORDERS - replayFrom);
        assertThat(perKey(replayed)).isEqualTo(perKey(freshOutputs));
        // the order at the replay point is its customer's first: nothing before it counts
        assertThat(perKey(replayed).get("c" + (replayFrom % 7)).get(0)).contains("\"orders\":1,");
    }

    /** The orders from {@code from} on, each with its event time as the record timestamp, which a replay point selects by. */
    static List<ProducerRecord<byte[], byte[]>> stamped(String topic, int from) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<KeyValue<String, String>> orders = orders();
        for (int i = from; i < ORDERS; i++) {
            records.add(new ProducerRecord<>(topic, null, T0 + i * 1000L, orders.get(i).key.getBytes(StandardCharsets.UTF_8),
                    orders.get(i).value.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < 3; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    @Test
    void refusesWhileAnInstanceIsRunningAndChangesNothing() throws Exception {
        String id = "reset-running";
        Path config = configFile(id);
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = start(runner, config);
        kafka.produce(id + "-orders", orders());
        kafka.consume(id + "-totals", ORDERS, Duration.ofSeconds(60));
        kafka.awaitCaughtUp(id, Duration.ofSeconds(60));
        Map<TopicPartition, OffsetAndMetadata> committed = committed(id, "classic");

        Outcome refused = reset(config, "--reset", "--yes");

        assertThat(refused.code()).isEqualTo(ExitCode.FATAL);
        assertThat(refused.err().lines().toList()).singleElement().asString()
                .startsWith("sample-app: Group " + id + " has 1 active member(s) (" + id + "-")
                .contains("stop every instance of " + id + " first");
        assertThat(refused.out()).doesNotContain("Deleted", "Wiped");
        assertThat(committed(id, "classic")).isEqualTo(committed);
        assertThat(topics()).contains(id + "-" + SampleApp.STORE + "-changelog", id + "-sample-by-customer-repartition");
        assertThat(runner.state()).contains(KafkaStreams.State.RUNNING);

        kafka.produce(id + "-orders", List.of(KeyValue.pair("c-late", order(ORDERS, "c-late"))));
        kafka.consume(id + "-totals", ORDERS + 1, Duration.ofSeconds(60));
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    Path configFile(String applicationId, String... extra) throws IOException {
        Path file = dir.resolve(applicationId + ".properties");
        Files.writeString(file, String.join("\n", extra) + "\n" + String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + applicationId,
                "state.dir=" + dir.resolve("state"),
                "topics.create=true",
                "topics.partitions=3",
                "topic.sample-orders=" + applicationId + "-orders",
                "topic.sample-totals=" + applicationId + "-totals",
                // a stopped instance leaves the group when its session expires: the broker's minimum, not 45 s
                "session.timeout.ms=6000",
                "shutdown.timeout=20s",
                ""));
        return file;
    }

    /**
     * Keyed by customer, so that each customer's orders sit in one input partition and reach the repartition topic in
     * the same order in every run: keyed by order id, the three input partitions would interleave differently each time.
     */
    static List<KeyValue<String, String>> orders() {
        List<KeyValue<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String customer = "c" + (i % 7);
            orders.add(KeyValue.pair(customer, order(i, customer)));
        }
        return orders;
    }

    static String order(int i, String customer) {
        return "{\"orderId\":\"o" + i + "\",\"customer\":\"" + customer + "\",\"amount\":" + (1 + i % 5) + ".25,\"timestamp\":"
                + (T0 + i * 1000L) + "}";
    }

    static CompletableFuture<Integer> start(StreamsRunner runner, Path config) {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> exit.isDone() || runner.state().orElse(null) == KafkaStreams.State.RUNNING);
        assertThat(exit).as("still running").isNotDone();
        return exit;
    }

    static Outcome reset(Path config, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(config.toString()));
        args.addAll(List.of(options));
        int code = new StreamsRunner(new SampleApp(), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Each key's values in the order of its partition. */
    static Map<String, List<String>> perKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> values = new TreeMap<>();
        records.forEach(record -> values.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), key -> new ArrayList<>())
                .add(new String(record.value(), StandardCharsets.UTF_8)));
        return values;
    }

    static Set<String> topics() throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> committed(String group, String protocol) throws Exception {
        try (Admin admin = kafka.admin()) {
            return new LinkedHashMap<>(protocol.equals("streams")
                    ? admin.listStreamsGroupOffsets(Map.of(group, new ListStreamsGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group)
                    .get(30, TimeUnit.SECONDS)
                    : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
        }
    }

    /**
     * A closed Streams client in a classic group stays a member until its session expires: it does not send a leave
     * request. In a streams group it leaves at once.
     */
    static void awaitNoMembers(String group, String protocol) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Admin admin = kafka.admin()) {
                return protocol.equals("streams")
                        ? admin.describeStreamsGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().isEmpty()
                        : admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().isEmpty();
            }
        });
    }

    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.sorted().toList();
        }
    }

    /** Task directories ({@code 0_1}, ...) and the global one: where the stores live. */
    static List<Path> taskDirectories(Path stateDir) {
        if (!Files.exists(stateDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(stateDir)) {
            return children.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
