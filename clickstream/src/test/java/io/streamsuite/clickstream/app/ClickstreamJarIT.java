package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickTraffic;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.CloudEventRecords;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped jar ({@code java -jar target/clickstream.jar <file>}) against a real broker: generated browsing with
 * bots in, and every output checked exactly against what the traffic must produce.
 */
class ClickstreamJarIT {

    private static final Path JAR = Path.of("target", "clickstream.jar");
    private static final String APP_ID = "clickstream-it";
    private static final int PARTITIONS = 2;
    /**
     * The app reads three hours of history at once, its two input partitions at their own pace, so the records
     * re-keyed by URL, minute and hour arrive out of order by up to that much: a live deployment's grace would drop
     * them. A grace covering the whole span makes every window exact, as the README advises for replays.
     */
    private static final Duration GRACE = Duration.ofHours(4);
    /** Past every window's end plus the grace. */
    private static final Duration FLUSH_AFTER = GRACE.plusHours(2);

    private static EmbeddedKafka kafka;
    private static TestSchemaRegistry registry;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        registry = TestSchemaRegistry.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /** In JSON and in Avro against the test registry; a fifth of the events arrive as CloudEvents (JSON data). */
    @ParameterizedTest(name = "serde.format={0}")
    @ValueSource(strings = {"json", "avro"})
    void everyOutputIsExactlyWhatTheTrafficMustProduce(String format) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        ClickTraffic traffic = ClickTraffic.generate(7, 150, start);
        ClickTraffic.Expectations expected = ClickTraffic.expect(traffic.events());
        // topics, group and dead-letter topic of their own per format
        String prefix = format + "-";
        String appId = prefix + APP_ID;
        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", appId,
                "http.port", "0", // any free port: the app's own may be taken where the tests run
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "clickstream.page-views.grace", GRACE.toString(),
                "clickstream.top-pages.grace", GRACE.toString(),
                "clickstream.sessions.grace", GRACE.toString(),
                "clickstream.funnel.grace", GRACE.toString(),
                "serde.format", format));
        new ClickstreamApp().topics().forEach(topic -> properties.put("topic." + topic.name(), prefix + topic.name()));
        if (format.equals("avro")) {
            properties.put("schema.registry.url", registry.url());
        }
        AppContext context = ConfiguredApp.of(new ClickstreamApp(), properties).context();
        TopicSpec<String, ClickEvent> input = ClickstreamApp.events(context);

        kafka.createTopic(input.name(), PARTITIONS);
        kafka.produce(records(traffic.events(), input));
        ClickEvent pageViewWithoutUrl = new ClickEvent("e-x", "user-0001", "PAGE_VIEW", null, null, null, null, 0L);
        kafka.produce(List.of(new ProducerRecord<>(input.name(), utf8("user-0001"), utf8("{\"eventId\": \"broken")),
                new ProducerRecord<>(input.name(), utf8("user-0001"),
                        input.valueSerde().serializer().serialize(input.name(), pageViewWithoutUrl))));

        AppJar app = AppJar.start(JAR, properties, Path.of("target", "clickstream-jar-it-" + format + ".log"));
        try {
            // each round only once everything before it is processed, so that no partition's stream time runs ahead
            for (List<ClickEvent> round : flushRounds(traffic.lastEventTime())) {
                kafka.awaitCaughtUp(appId, Duration.ofMinutes(3)); // the app JVM may take a minute to start on a loaded machine
                kafka.produce(records(round, input));
            }
            CommittedOutputs.read(kafka, context, expected, Duration.ofMinutes(2), traffic.lastEventTime(),
                    ClickstreamJarIT::assertCloudEventHeaders).assertEqualTo(expected);
            assertThat(kafka.consume(appId + "-dlq", 2, Duration.ofSeconds(30))).hasSize(2);
        } finally {
            app.stopCleanly(Duration.ofSeconds(60));
        }
    }

    /**
     * Two rounds of events, {@link #FLUSH_AFTER} and twice that after the traffic, on every partition of the input and
     * of the by-URL repartition topic: stream time is kept per partition, so each needs a later record before its
     * windows and sessions close. The first round closes the traffic's windows; the second closes the first round's,
     * whose results move stream time on for the rankings and the funnel. Users and URLs start with {@value ClickHistory#FLUSH}.
     */
    private static List<List<ClickEvent>> flushRounds(long last) {
        List<String> users = keysForEachPartition("flush-user-");
        List<String> urls = keysForEachPartition("/flush-page-");
        List<List<ClickEvent>> rounds = new ArrayList<>();
        for (long time : new long[] {last + FLUSH_AFTER.toMillis(), last + 2 * FLUSH_AFTER.toMillis()}) {
            List<ClickEvent> round = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                round.add(new ClickEvent("flush-" + time + "-" + p, users.get(p), "PAGE_VIEW", urls.get(p), null,
                        "Mozilla/5.0 Firefox/132.0", null, time));
            }
            rounds.add(round);
        }
        return rounds;
    }

    /** One key per partition, as Kafka's default partitioner (murmur2) places string keys. */
    private static List<String> keysForEachPartition(String prefix) {
        String[] keys = new String[PARTITIONS];
        for (int i = 0, found = 0; found < PARTITIONS; i++) {
            String key = prefix + i;
            int partition = ClickHistory.partitionOf(key, PARTITIONS);
            if (keys[partition] == null) {
                keys[partition] = key;
                found++;
            }
        }
        return List.of(keys);
    }

    /** Every tenth event a structured-mode CloudEvent, every tenth from the fifth a binary-mode one. */
    private static List<ProducerRecord<byte[], byte[]>> records(List<ClickEvent> events, TopicSpec<String, ClickEvent> input) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int i = 0;
        for (ClickEvent event : events) {
            ProducerRecord<byte[], byte[]> record = switch (i++ % 10) {
                case 0 -> CloudEventRecords.structured(input.name(), event.userId(), event);
                case 5 -> CloudEventRecords.binary(input.name(), event.userId(), event);
                default -> new ProducerRecord<>(input.name(), utf8(event.userId()),
                        input.valueSerde().serializer().serialize(input.name(), event));
            };
            records.add(new ProducerRecord<>(record.topic(), null, event.timestamp(), record.key(), record.value(),
                    record.headers()));
        }
        return records;
    }

    private static void assertCloudEventHeaders(ConsumerRecord<byte[], byte[]> record) {
        assertThat(record.headers().lastHeader("ce_type")).as("CloudEvents headers on %s", record.topic()).isNotNull();
        assertThat(new String(record.headers().lastHeader("ce_subject").value(), StandardCharsets.UTF_8))
                .isEqualTo(new String(record.key(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
