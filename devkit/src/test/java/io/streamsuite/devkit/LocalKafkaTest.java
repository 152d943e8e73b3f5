package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalKafkaTest {

    @TempDir
    Path temp;

    /** A Kafka fault halts the JVM, which here is the test JVM: make it fail the test instead. */
    @BeforeAll
    static void exitFailsTheTest() {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka tried to halt with " + code + ": " + message);
        });
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka tried to exit with " + code + ": " + message);
        });
    }

    @AfterAll
    static void restoreExit() {
        Exit.resetHaltProcedure();
        Exit.resetExitProcedure();
    }

    @Test
    void keepsTopicsAndRecordsBetweenRunsAndKeepsOutASecondLauncher() throws Exception {
        Path dataDir = temp.resolve("kafka");
        int port = freePort();
        int controllerPort = freePort();

        try (LocalKafka kafka = new LocalKafka("localhost", port, controllerPort, dataDir).start()) {
            assertThat(kafka.formattedNow()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            assertThat(dataDir.resolve("logs/meta.properties")).exists();
            try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("demo", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                // what the apps' group.protocol=streams needs (KIP-1071)
                assertThat(admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS).finalizedFeatures()
                        .get("streams.version").maxVersionLevel()).isEqualTo((short) 1);
            }
            produce(kafka.bootstrapServers(), "demo", "k1", "kept between runs");
            assertThat(readAll(kafka.bootstrapServers(), "demo")).containsExactly("k1=kept between runs");

            // another launcher on the same ports: one clear line, nothing started, its directory untouched
            Path otherDir = temp.resolve("other");
            assertThatThrownBy(() -> new LocalKafka("localhost", port, freePort(), otherDir).start())
                    .isInstanceOf(LocalKafka.PortInUseException.class)
                    .hasMessage("Port " + port + " on localhost is already in use: stop what uses it or pass --port");
            assertThatThrownBy(() -> new LocalKafka("localhost", freePort(), controllerPort, otherDir).start())
                    .isInstanceOf(LocalKafka.PortInUseException.class)
                    .hasMessage("Port " + controllerPort
                            + " on localhost is already in use: stop what uses it or pass --controller-port");
            assertThat(otherDir).doesNotExist();
            // and on the same directory with other ports
            assertThatThrownBy(() -> new LocalKafka("localhost", freePort(), freePort(), dataDir).start())
                    .isInstanceOf(LocalKafka.DataDirInUseException.class)
                    .hasMessageContaining("is in use by another local Kafka");
        }

        // the ports are released on close; a restart, even with another controller port, finds the same cluster
        try (LocalKafka kafka = new LocalKafka("localhost", port, freePort(), dataDir).start()) {
            assertThat(kafka.formattedNow()).isFalse();
            assertThat(readAll(kafka.bootstrapServers(), "demo")).containsExactly("k1=kept between runs");
        }
    }

    @Test
    void brokerCommandSaysOnOneLineThatThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
            int port = taken.getLocalPort();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path dataDir = temp.resolve("kafka");

            int exitCode = new CommandLine(new BrokerCommand(print(out), print(err))).execute(
                    "--port", String.valueOf(port), "--controller-port", String.valueOf(freePort()),
                    "--data-dir", dataDir.toString());

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "Port " + port + " on localhost is already in use: stop what uses it or pass --port"
                            + System.lineSeparator());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(dataDir).doesNotExist();
        }
    }

    @Test
    void refusesTheSamePortTwice() {
        assertThatThrownBy(() -> new LocalKafka("localhost", 9092, 9092, temp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two different ports");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("localhost"), 0));
            return socket.getLocalPort();
        }
    }

    static void produce(String bootstrapServers, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Partition 0 of the topic from the beginning to its current end, as {@code key=value}. */
    static List<String> readAll(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
