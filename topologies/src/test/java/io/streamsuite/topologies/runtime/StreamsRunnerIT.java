package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.streamsuite.topologies.config.Setting;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.sample.CustomerTotal;
import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The real runner against a real KRaft broker under exactly_once_v2. */
class StreamsRunnerIT {

    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

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

    Path configFile(String applicationId, boolean createTopics) throws IOException {
        Path file = dir.resolve("sample.properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + applicationId,
                "state.dir=" + dir.resolve("state"),
                "topics.create=" + createTopics,
                "topics.partitions=3",
                "topic.sample-orders=" + applicationId + "-orders",
                "topic.sample-totals=" + applicationId + "-totals",
                "shutdown.timeout=20s",
                "http.port=0",
                ""));
        return file;
    }

    @Test
    void goodRecordsArriveExactlyOnceAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        String id = "runner-it";
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(runner, id));
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);

        int goodCount = 300;
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        Map<String, Integer> perCustomer = new HashMap<>();
        List<String> poison = List.of(
                "{\"orderId\":\"bad-1\",\"customer\":",                                     // truncated JSON
                "{\"orderId\":\"bad-2\",\"customer\":\"c1\",\"amount\":\"a lot\"}",         // wrong type
                "{\"orderId\":\"bad-3\",\"customer\":\"c1\",\"amount\":[1]}",               // wrong type
                "{\"orderId\":\"bad-4\",\"amount\":3.5}",                                   // missing required field
                "\u0000\u0001binary");
        for (int i = 0; i < goodCount; i++) {
            String customer = "c" + (i % 7);
            perCustomer.merge(customer, 1, Integer::sum);
            input.add(order("o" + i, "{\"orderId\":\"o" + i + "\",\"customer\":\"" + customer + "\",\"amount\":1.5,\"timestamp\":"
                    + (1_700_000_000_000L + i) + "}", id));
            if (i % 60 == 30) {
                input.add(order("bad", poison.get(i / 60), id));
            }
        }
        kafka.produce(input);

        List<ConsumerRecord<byte[], byte[]>> totals = kafka.consume(id + "-totals", goodCount, Duration.ofSeconds(60));
        assertThat(totals).as("one output per good order, read_committed").hasSize(goodCount);
        JsonSerde<CustomerTotal> serde = JsonSerde.of(CustomerTotal.class);
        Map<String, List<Long>> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : totals) {
            CustomerTotal total = serde.deserializer().deserialize("t", record.value());
            counts.computeIfAbsent(total.customer(), c -> new ArrayList<>()).add(total.orders());
        }
        perCustomer.forEach((customer, n) -> assertThat(counts.get(customer)).as("running counts of " + customer)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, n).boxed().toList()));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.consume(id + "-dlq", poison.size(), Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(poison.size());
        assertThat(deadLetters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrderElementsOf(poison);
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(id + "-orders");
            assertThat(header(letter, DeadLetterHeaders.PARTITION)).matches("\\d+");
            assertThat(header(letter, DeadLetterHeaders.OFFSET)).matches("\\d+");
            assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("Order");
            assertThat(header(letter, "source")).as("original headers kept").isEqualTo("it");
        }
        assertThat(deadLetters).extracting(r -> header(r, DeadLetterHeaders.MESSAGE))
                .anySatisfy(m -> assertThat(m).isEqualTo("Invalid Order in topic " + id + "-orders: customer is missing"));

        assertThat(runner.state()).contains(KafkaStreams.State.RUNNING);
        double dropped = runner.streams().orElseThrow().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
        assertThat(dropped).as("Streams' own dropped-records metric").isEqualTo(poison.size());

        try (Admin admin = kafka.admin()) {
            TopicDescription dlq = admin.describeTopics(List.of(id + "-dlq")).allTopicNames().get().get(id + "-dlq");
            assertThat(dlq.partitions()).as("created with topics.partitions").hasSize(3);
        }
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void missingTopicsStopTheAppWhenItMayNotCreateThem() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new StreamsRunner(new SampleApp(), Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(configFile("no-create", false).toString());
        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("sample-app: Missing topics no-create-dlq, no-create-orders,"
                + " no-create-totals: create them, or set topics.create=true to let the app create them");
    }

    @Test
    void aBugThatFailsMostRecordsEndsTheRunWithExitCodeOne() throws Exception {
        StreamsApp failing = new StreamsApp() {
            final TopicDef input = TopicDef.input("fail-in", "strings");

            public String name() {
                return "failing-app";
            }

            public String configPrefix() {
                return "failing.";
            }

            public List<Setting<?>> settings() {
                return List.of();
            }

            public List<TopicDef> topics() {
                return List.of(input);
            }

            public Topology buildTopology(AppContext context) {
                var builder = context.streamsBuilder();
                builder.stream(context.topicName(input), Consumed.with(
                                Serdes.String(), Serdes.String()))
                        .foreach((key, value) -> {
                            throw new IllegalStateException("bug on " + value);
                        }, Named.as("failing-foreach"));
                return builder.build();
            }
        };
        Path file = dir.resolve("failing.properties");
        Files.writeString(file, "bootstrap.servers=" + kafka.bootstrapServers() + "\nstate.dir=" + dir.resolve("state")
                + "\ntopics.create=true\nhttp.port=0\nprocessing.failures.window=10\n");
        StreamsRunner runner = new StreamsRunner(failing, Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(file.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);

        // one failing record would be a dead letter; more than half of the last 10 of a partition is a bug
        List<KeyValue<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(KeyValue.pair("k", "boom-" + i));
        }
        kafka.produce("fail-in", records);

        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.FATAL);
        assertThat(runner.state()).contains(KafkaStreams.State.ERROR);
    }

    Path mergingConfig(String id, String events) throws IOException {
        Path file = dir.resolve(id + ".properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + id,
                "state.dir=" + dir.resolve("state"),
                "topics.create=true",
                "topics.partitions=1",
                "topic.merge-events=" + events,
                "topic.merge-merged=" + id + "-merged",
                // a pattern subscription notices new topics at the next metadata refresh (5 minutes by default)
                "metadata.max.age.ms=500",
                "shutdown.timeout=20s",
                "http.port=0",
                ""));
        return file;
    }

    /** Starts the merging app and waits until it runs; stop it with {@link StreamsRunner#stop()}. */
    CompletableFuture<Integer> startMerging(StreamsRunner runner, Path config) {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> exit.isDone() || runner.state().orElse(null) == KafkaStreams.State.RUNNING);
        assertThat(exit).as("still running").isNotDone();
        return exit;
    }

    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void anInputListCreatesEveryListedTopicAndIsReadAsOneStream() throws Exception {
        String id = "list-it";
        StreamsRunner runner = new StreamsRunner(new MergingApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = startMerging(runner, mergingConfig(id, id + "-views , " + id + "-carts"));
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).contains(id + "-views", id + "-carts")
                    .noneMatch(topic -> topic.contains(","));
        }

        kafka.produce(id + "-views", List.of(KeyValue.pair("u1", "v1"), KeyValue.pair("u2", "v2")));
        kafka.produce(id + "-carts", List.of(KeyValue.pair("u1", "c1")));

        assertThat(values(kafka.consume(id + "-merged", 3, Duration.ofSeconds(30))))
                .containsExactlyInAnyOrder(id + "-views:v1", id + "-views:v2", id + "-carts:c1");
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void underTheStreamsProtocolTheIgnoredSettingsAreNamedAndSetAsGroupConfigsWhenAllowed() throws Exception {
        String id = "streams-group-it";
        Path file = configFile(id, true);
        Files.writeString(file, "group.protocol=streams\ngroup.configs.apply=true\nnum.standby.replicas=1\n"
                + "session.timeout.ms=50000\n", java.nio.file.StandardOpenOption.APPEND);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger runnerLog = (Logger) LoggerFactory.getLogger(StreamsRunner.class);
        runnerLog.addAppender(log);
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(file.toString()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);
        } finally {
            runnerLog.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.startsWith("group.protocol=streams ignores ")).hasSize(7)
                .contains("group.protocol=streams ignores num.standby.replicas (1 here): the group config"
                        + " streams.num.standby.replicas decides, set to 1 for group " + id + " (group.configs.apply=true)");
        try (Admin admin = kafka.admin()) {
            org.apache.kafka.common.config.ConfigResource group =
                    new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.GROUP, id);
            var configs = admin.describeConfigs(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            assertThat(configs.get("streams.num.standby.replicas").value()).isEqualTo("1");
            assertThat(configs.get("streams.session.timeout.ms").value()).isEqualTo("50000");
            var described = admin.describeStreamsGroups(List.of(id)).all().get(30, TimeUnit.SECONDS).get(id);
            assertThat(described.members()).as("one member of a streams group").hasSize(1);

            // what a lag-based autoscaler (KEDA's Kafka scaler) asks: the consumer-group offset fetch, by group id
            kafka.produce(List.of(order("o1", "{\"orderId\":\"o1\",\"customer\":\"c1\",\"amount\":2.5,\"timestamp\":"
                    + 1_700_000_000_000L + "}", id)));
            kafka.consume(id + "-totals", 1, Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                    .as("a streams group's offsets through the consumer-group call")
                    .isNotEmpty()
                    .isEqualTo(admin.listStreamsGroupOffsets(Map.of(id, new org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec()))
                            .partitionsToOffsetAndMetadata(id).get(30, TimeUnit.SECONDS)));
        }
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aGroupConfigTheBrokerRefusesIsAOneLineConfigError() throws Exception {
        String id = "streams-group-refused-it";
        Path file = configFile(id, true);
        Files.writeString(file, "group.protocol=streams\ngroup.configs.apply=true\nheartbeat.interval.ms=3600000\n",
                java.nio.file.StandardOpenOption.APPEND);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new StreamsRunner(new SampleApp(), Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(file.toString());

        assertThat(code).isEqualTo(ExitCode.CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("sample-app: Kafka refused the group configs {streams.heartbeat.interval.ms=3600000} of group " + id);
    }

    @Test
    void anInputPatternReadsEveryMatchingTopicIncludingOnesCreatedLaterAndCreatesNone() throws Exception {
        String id = "pattern-it";
        kafka.createTopic(id + "-views", 1);
        kafka.createTopic(id + "-orders", 1);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger initializerLog = (Logger) LoggerFactory.getLogger(TopicInitializer.class);
        initializerLog.addAppender(log);
        StreamsRunner runner = new StreamsRunner(new MergingApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit;
        try {
            exit = startMerging(runner, mergingConfig(id, id + "-(views|carts)"));
        } finally {
            initializerLog.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("topic.merge-events=" + id + "-(views|carts) matches 1 topic(s): " + id + "-views");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).as("a pattern creates nothing").doesNotContain(id + "-carts")
                    .noneMatch(topic -> topic.contains("("));
        }

        kafka.produce(id + "-orders", List.of(KeyValue.pair("u1", "o1")));
        kafka.produce(id + "-views", List.of(KeyValue.pair("u1", "v1")));
        kafka.createTopic(id + "-carts", 1);
        // the subscription picks the new topic up at a metadata refresh, then reads it from the start (earliest)
        kafka.produce(id + "-carts", List.of(KeyValue.pair("u1", "c1")));

        assertThat(values(kafka.consume(id + "-merged", 2, Duration.ofSeconds(30))))
                .containsExactlyInAnyOrder(id + "-views:v1", id + "-carts:c1");
        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    @Test
    void aPatternThatMatchesNothingYetIsAWarningNotAnError() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger initializerLog = (Logger) LoggerFactory.getLogger(TopicInitializer.class);
        initializerLog.addAppender(log);
        try (Admin admin = kafka.admin()) {
            new TopicInitializer(admin, Duration.ofSeconds(10)).ensure(List.of(),
                    List.of(new TopicInitializer.WantedPattern("topic.x", Pattern.compile("nothing-yet-.*"))), false, 1, -1);
        } finally {
            initializerLog.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("No topic matches topic.x=nothing-yet-.* yet; the app will read matching topics as they are created");
        });
    }

    private int run(StreamsRunner runner, String id) {
        try {
            return runner.run(configFile(id, true).toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<byte[], byte[]> order(String key, String json, String id) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(id + "-orders", key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        record.headers().add("source", "it".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
