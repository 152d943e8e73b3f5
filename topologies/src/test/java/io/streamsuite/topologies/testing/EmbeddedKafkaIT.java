package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the embedded broker is production-like: stable metadata version and working transactions. */
class EmbeddedKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        System.out.printf("EmbeddedKafka start took %d ms%n", kafka.startupTime().toMillis());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void transactionalRecordsAreReadBackCommitted() {
        kafka.createTopic("tx-topic", 2);

        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it");
        // a single-node broker lacking the transaction-log settings makes initTransactions hang, not fail
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-topic", 0, "k1", "v1"));
            producer.send(new ProducerRecord<>("tx-topic", 0, "k2", "v2"));
            producer.commitTransaction();
            // aborted records must stay invisible to a read_committed consumer
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-topic", 0, "aborted", "x"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("tx-topic", 0, "k3", "v3"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<byte[], byte[]>> records = kafka.consume("tx-topic", 3, TIMEOUT);

        assertThat(records).extracting(r -> text(r.key()), r -> text(r.value()))
                .containsExactly(
                        tuple("k1", "v1"),
                        tuple("k2", "v2"),
                        tuple("k3", "v3"));
    }

    @Test
    void plainProduceHelpersRoundTrip() {
        kafka.createTopic("plain-topic", 1, Map.of("cleanup.policy", "compact"));

        kafka.produce("plain-topic", List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", null)));
        kafka.produce(List.of(new ProducerRecord<>("plain-topic", bytes("c"), bytes("3"))));

        assertThat(kafka.consume("plain-topic", 3, TIMEOUT))
                .extracting(r -> text(r.key()), r -> text(r.value()))
                .containsExactly(
                        tuple("a", "1"),
                        tuple("b", null),
                        tuple("c", "3"));
    }

    @Test
    void consumeReportsHowManyRecordsArrived() {
        kafka.createTopic("short-topic", 1);
        kafka.produce("short-topic", List.of(KeyValue.pair("only", "one")));

        assertThatThrownBy(() -> kafka.consume("short-topic", 2, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but got 1");
    }

    @Test
    void clusterRunsTheLatestProductionMetadataVersion() throws Exception {
        FinalizedVersionRange range;
        try (Admin admin = kafka.admin()) {
            range = admin.describeFeatures().featureMetadata().get()
                    .finalizedFeatures().get(MetadataVersion.FEATURE_NAME);
        }

        MetadataVersion finalized = MetadataVersion.fromFeatureLevel(range.maxVersionLevel());
        assertThat(finalized.isProduction()).as("%s is a production version", finalized).isTrue();
        assertThat(finalized).isEqualTo(MetadataVersion.latestProduction());
        // guards against the test kit's default, which formats the unstable latest version
        assertThat(MetadataVersion.latestTesting()).isNotEqualTo(MetadataVersion.latestProduction());
        assertThat(finalized).isNotEqualTo(MetadataVersion.latestTesting());
    }

    @Test
    void clusterOffersTheStreamsRebalanceProtocol() throws Exception {
        try (Admin admin = kafka.admin()) {
            FinalizedVersionRange streams = admin.describeFeatures().featureMetadata().get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .finalizedFeatures().get("streams.version");
            assertThat(streams).as("streams.version finalized").isNotNull();
            assertThat(streams.maxVersionLevel()).as("group.protocol=streams needs streams.version 1").isEqualTo((short) 1);
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGroupHasCaughtUpOnlyOnceEveryPartitionOfItsTopicsAndRepartitionTopicsIsCommittedToTheEnd() throws Exception {
        TopicPartition input0 = new TopicPartition("catch-up-in", 0);
        TopicPartition input1 = new TopicPartition("catch-up-in", 1);
        TopicPartition repartition0 = new TopicPartition("catch-up-app-by-key-repartition", 0);
        kafka.createTopic(input0.topic(), 2);
        kafka.createTopic(repartition0.topic(), 2);
        kafka.produce(List.of(record(input0), record(input1), record(repartition0)));
        try (Admin admin = kafka.admin()) {
            commit(admin, input0);
            assertThatThrownBy(() -> kafka.awaitCaughtUp("catch-up-app", Duration.ofSeconds(1)))
                    .as("a partition of the input without a commit").isInstanceOf(AssertionError.class);
            commit(admin, input1);
            assertThatThrownBy(() -> kafka.awaitCaughtUp("catch-up-app", Duration.ofSeconds(1)))
                    .as("the repartition topic, not committed on yet").isInstanceOf(AssertionError.class);
            commit(admin, repartition0);
            kafka.awaitCaughtUp("catch-up-app", Duration.ofSeconds(10));
        }
    }

    private static ProducerRecord<byte[], byte[]> record(TopicPartition partition) {
        return new ProducerRecord<>(partition.topic(), partition.partition(), null, "v".getBytes(StandardCharsets.UTF_8));
    }

    /** Commits the position after the partition's one record, as a consumer that processed it would. */
    private static void commit(Admin admin, TopicPartition partition) throws Exception {
        admin.alterConsumerGroupOffsets("catch-up-app", Map.of(partition, new OffsetAndMetadata(1))).all().get();
    }
}
