package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.topologies.testing.HostileCorpus;
import io.streamsuite.topologies.testing.HostileCorpus.Hostile;
import io.streamsuite.topologies.testing.HostileInputRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped jar fed the hostile corpus ({@link HostileCorpus}, {@link HostileInputRun}) among six hours of generated
 * browsing, in JSON and in Avro (with a schema registry outage): every bad record dead-lettered once with its reason,
 * and every page-view window, ranking, session, funnel hour and bot alert exactly what the good events make.
 */
class HostileInputJarIT {

    static final long SEED = Long.getLong("hostile.seed", 22L);
    static final int GARBAGE_KEYS = Integer.getInteger("hostile.garbage-keys", 2_000);
    static final Path JAR = Path.of("target", "clickstream.jar");

    static final String REFUSED = "refused by the app: ";
    static final Map<String, String> REASONS = Map.of(
            REFUSED + "an unknown type", "type must be one of",
            REFUSED + "a page view without a URL", "url is missing",
            REFUSED + "a user id of 312 characters", "chars long, more than the limit of",
            REFUSED + "a time two days ahead", "ahead of this instance's clock");

    static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest(name = "serde.format={0}")
    @ValueSource(strings = {"json", "avro"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBadRecordIsDeadLetteredAndEveryOutputIsExactlyWhatTheGoodEventsMake(String format) throws Exception {
        String prefix = format + "-hostile-";
        String appId = prefix + "clickstream-it";
        try (HostileInputRun run = HostileInputRun.of(kafka, format, dir)) {
            Map<String, String> properties = new TreeMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", appId,
                    "http.port", "0",
                    "topics.create", "true",
                    "topics.partitions", "1"));
            new ClickstreamApp().topics().forEach(topic -> properties.put("topic." + topic.name(), prefix + topic.name()));
            properties.putAll(run.appProperties());
            AppContext context = ConfiguredApp.of(new ClickstreamApp(), properties).context();
            TopicSpec<String, ClickEvent> input = ClickstreamApp.events(context);
            ClickHistory history = ClickHistory.sixHours(SEED);
            List<ClickEvent> events = new ArrayList<>(history.events());
            events.addAll(history.flush(1));
            List<ProducerRecord<byte[], byte[]>> good = ClickHistory.records(events, input);

            run.send(input.name(), appId, good, corpus(run, input), ClickHistory.utf8(HostileCorpus.MARKER + "-user"),
                    GARBAGE_KEYS, SEED);
            run.start(JAR, properties, Path.of("target", "hostile-input-jar-it-" + format + ".log"));
            run.awaitProcessed(Duration.ofMinutes(3));

            run.assertBadRecordsDeadLetteredAndAppUnharmed(REASONS);
            CommittedOutputs outputs = CommittedOutputs.read(kafka, context, history.expected(), Duration.ofMinutes(2));
            outputs.assertEqualTo(history.expected());
            System.out.printf("[%s] hostile corpus: %d bad records (%d under random keys), %d good events, %s,"
                    + " peak RSS %d MB%n", format, run.badCount(), GARBAGE_KEYS, good.size(), outputs.counts(),
                    run.peakRssBytes() >> 20);
            run.stopCleanly();
        }
    }

    private static List<Hostile> corpus(HostileInputRun run, TopicSpec<String, ClickEvent> input) {
        String topic = input.name();
        long now = Instant.now().toEpochMilli();
        List<Hostile> corpus = run.corpus(new ClickEvent(HostileCorpus.MARKER + "-event", HostileCorpus.MARKER + "-user",
                "PAGE_VIEW", "/" + HostileCorpus.MARKER, null, "Mozilla/5.0 " + HostileCorpus.MARKER, null, now), input, SEED);
        // the reason for a type the app does not know quotes it: no marker in it
        Map<String, ClickEvent> refused = new TreeMap<>(Map.of(
                "an unknown type", new ClickEvent(HostileCorpus.MARKER + "-e1", HostileCorpus.MARKER + "-user", "BUY",
                        "/shop", null, null, null, now),
                "a page view without a URL", new ClickEvent(HostileCorpus.MARKER + "-e2", HostileCorpus.MARKER + "-user",
                        "PAGE_VIEW", null, null, null, null, now),
                "a user id of 312 characters", new ClickEvent(HostileCorpus.MARKER + "-e3",
                        HostileCorpus.MARKER + "x".repeat(300), "PAGE_VIEW", "/", null, null, null, now),
                "a time two days ahead", new ClickEvent(HostileCorpus.MARKER + "-e4", HostileCorpus.MARKER + "-user",
                        "PAGE_VIEW", "/", null, null, null, now + Duration.ofDays(2).toMillis())));
        refused.forEach((what, event) -> corpus.add(new Hostile(REFUSED + what,
                input.valueSerde().serializer().serialize(topic, event))));
        return corpus;
    }
}
