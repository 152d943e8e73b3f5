package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.internals.Exit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CreateTopicsCommandTest {

    private static final Set<String> COMPACTED = Set.of("fraud-blocklist", "fraud-rules", "iot-devices");
    private static final List<String> ALL = List.of(
            "transactions", "fraud-blocklist", "fraud-rules", "fraud-alerts", "fraud-detection-dlq",
            "clickstream-events", "clickstream-page-views", "clickstream-top-pages", "clickstream-sessions",
            "clickstream-funnel", "clickstream-bot-alerts", "clickstream-dlq",
            "iot-readings", "iot-devices", "iot-device-stats", "iot-alerts", "iot-monitoring-dlq");

    @TempDir
    static Path temp;

    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka tried to halt with " + code + ": " + message);
        });
        kafka = new LocalKafka("localhost", LocalKafkaTest.freePort(), LocalKafkaTest.freePort(), temp).start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
        Exit.resetHaltProcedure();
    }

    @Test
    void declaresEveryAppTopicAndEachDeadLetterTopic() {
        assertThat(CreateTopicsCommand.wanted("all")).extracting(CreateTopicsCommand.Wanted::name)
                .containsExactlyElementsOf(ALL);
        assertThat(CreateTopicsCommand.wanted("all")).filteredOn(CreateTopicsCommand.Wanted::compacted)
                .extracting(CreateTopicsCommand.Wanted::name).containsExactlyInAnyOrderElementsOf(COMPACTED);
        assertThat(CreateTopicsCommand.wanted("iot-monitoring")).extracting(CreateTopicsCommand.Wanted::name)
                .containsExactly("iot-readings", "iot-devices", "iot-device-stats", "iot-alerts", "iot-monitoring-dlq");
    }

    @Test
    void createsTheTopicsOnceWithCompactionForTables() throws Exception {
        Result first = run("--bootstrap-servers", kafka.bootstrapServers(), "--app", "fraud-detection", "--partitions", "3");
        assertThat(first.exitCode).isZero();
        assertThat(first.out).containsExactly(
                "created  transactions (3 partitions)",
                "created  fraud-blocklist (3 partitions, compacted)",
                "created  fraud-rules (3 partitions, compacted)",
                "created  fraud-alerts (3 partitions)",
                "created  fraud-detection-dlq (3 partitions)");

        Result all = run("--bootstrap-servers", kafka.bootstrapServers());
        assertThat(all.exitCode).isZero();
        assertThat(all.out).hasSize(ALL.size());
        assertThat(all.out.subList(0, 5)).allMatch(line -> line.startsWith("exists   "));
        assertThat(all.out.subList(5, ALL.size())).allMatch(line -> line.startsWith("created  "));

        Result again = run("--bootstrap-servers", kafka.bootstrapServers());
        assertThat(again.exitCode).isZero();
        assertThat(again.out).containsExactlyElementsOf(ALL.stream().map(topic -> "exists   " + topic).toList());

        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<ConfigResource> resources = ALL.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            // the controller has confirmed the creation; the broker learns of new topics a moment later
            Map<ConfigResource, Config> configs = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS), Objects::nonNull);
            Map<String, String> policies = configs.entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().name(), entry -> entry.getValue().get("cleanup.policy").value()));
            policies.forEach((topic, policy) ->
                    assertThat(policy).as(topic).isEqualTo(COMPACTED.contains(topic) ? "compact" : "delete"));
            Map<String, TopicDescription> topics = admin.describeTopics(ALL).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get("transactions").partitions()).hasSize(3);
            assertThat(topics.get("iot-readings").partitions()).hasSize(6);
        }
    }

    @Test
    void rejectsAnUnknownApp() {
        Result result = run("--bootstrap-servers", kafka.bootstrapServers(), "--app", "payments");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("Invalid value for option '--app': 'payments'"
                + " (expected one of fraud-detection, clickstream, iot-monitoring, all)");
    }

    @Test
    void saysAtOnceWhenKafkaIsNotThere() throws Exception {
        Result result = run("--bootstrap-servers", "localhost:" + LocalKafkaTest.freePort());
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err).startsWith("Cannot reach Kafka at localhost:").contains("is it running (devkit broker)?");
    }

    private record Result(int exitCode, List<String> out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new CreateTopicsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                errStream));
        command.setErr(new java.io.PrintWriter(errStream, true));
        int exitCode = command.execute(args);
        String printed = out.toString(StandardCharsets.UTF_8);
        return new Result(exitCode, printed.isEmpty() ? List.of() : List.of(printed.split(System.lineSeparator())),
                err.toString(StandardCharsets.UTF_8));
    }
}
