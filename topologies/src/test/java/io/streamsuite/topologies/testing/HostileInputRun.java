package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemaregistry.TestSchemaRegistry;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.HostileCorpus.Hostile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;

/**
 * One app's shipped jar fed a {@link HostileCorpus} on a topic of one partition: the bad records spread among the good
 * ones, so that each sits between good records, then bad records under distinct random keys. Offsets on one partition
 * are the order of sending, so each dead letter's offset header says which record it is: every bad record must be
 * dead-lettered exactly once, with its original bytes and a reason, and no good record at all.
 *
 * <p>The jar runs as the image runs it, with {@code -XX:+ExitOnOutOfMemoryError}: a decoder that believes a declared
 * length ends the process, and the test sees it. Its peak RSS is watched, and its log searched for
 * {@link HostileCorpus#MARKER}.
 *
 * <p>In Avro the run keeps a schema registry of its own, and holds back the last good records: once the rest is
 * processed, the registry goes away while those arrive, written with a schema the app has not seen, and comes back a
 * moment later. The app must wait the outage out and process them, dead-lettering none.
 */
public final class HostileInputRun implements AutoCloseable {

    /** What Kubernetes gives each app's pod. */
    public static final long POD_MEMORY = 1L << 30;
    /** Good records held back, in Avro, for the registry outage. */
    static final int SENT_DURING_OUTAGE = 20;
    private static final String GARBAGE = "under a random key: ";

    private final EmbeddedKafka kafka;
    private final boolean avro;
    private final Path journal;
    private TestSchemaRegistry registry;
    private String topic;
    private String appId;
    private List<ProducerRecord<byte[], byte[]>> held = List.of();
    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    /** What each offset holds: the bad record's description, null for a good record. */
    private final List<String> badAt = new ArrayList<>();
    private AppJar app;
    private Path log;
    private ProcessMemory memory;

    private HostileInputRun(EmbeddedKafka kafka, boolean avro, Path journal) {
        this.kafka = kafka;
        this.avro = avro;
        this.journal = journal;
        this.registry = avro ? TestSchemaRegistry.persistent(0, journal) : null;
    }

    /**
     * @param format {@code json} or {@code avro}
     * @param dir    where the Avro run's registry keeps its journal, so that it comes back with its schemas
     */
    public static HostileInputRun of(EmbeddedKafka kafka, String format, Path dir) {
        return new HostileInputRun(kafka, format.equals("avro"), dir.resolve(format + "-registry.journal"));
    }

    /** What the app needs for the run's format: {@code serde.format}, and the registry's URL in Avro. */
    public Map<String, String> appProperties() {
        return avro ? Map.of("serde.format", "avro", "schema.registry.url", registry.url()) : Map.of("serde.format", "json");
    }

    /** The corpus of the run's format, derived from a valid event of the input topic. */
    public <V> List<Hostile> corpus(V valid, TopicSpec<String, V> input, long seed) {
        return new ArrayList<>(avro
                ? HostileCorpus.avro(input.valueSerde().serializer().serialize(input.name(), valid),
                        HostileCorpus.registerAlienSchema(registry), seed)
                : HostileCorpus.json(HostileCorpus.jsonTree(valid), seed));
    }

    /**
     * Creates the input topic (one partition) and sends the good records with the corpus spread among them (key
     * {@code badKey}), then {@code garbageKeys} bad records of the corpus (its values up to 1 KB) in turn under distinct
     * random keys. In Avro the last good records are held back for the registry outage.
     *
     * @param appId the app's {@code application.id}: its dead letters are in {@code <appId>-dlq}
     */
    public void send(String topic, String appId, List<ProducerRecord<byte[], byte[]>> allGood, List<Hostile> corpus,
                     byte[] badKey, int garbageKeys, long seed) {
        this.topic = topic;
        this.appId = appId;
        kafka.createTopic(topic, 1);
        int kept = avro ? allGood.size() - SENT_DURING_OUTAGE : allGood.size();
        held = allGood.subList(kept, allGood.size());
        List<ProducerRecord<byte[], byte[]>> good = allGood.subList(0, kept);
        int every = Math.max(1, good.size() / (corpus.size() + 1));
        int nextBad = 0;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < good.size(); i++) {
            add(records, good.get(i), null);
            if (i % every == every - 1 && nextBad < corpus.size()) {
                Hostile bad = corpus.get(nextBad++);
                add(records, new ProducerRecord<>(topic, badKey, bad.value()), bad.what());
            }
        }
        for (; nextBad < corpus.size(); nextBad++) {
            add(records, new ProducerRecord<>(topic, badKey, corpus.get(nextBad).value()), corpus.get(nextBad).what());
        }
        // the small ones: a million keys is about many keys, not about sending the 600 KB value 40,000 times
        List<Hostile> small = corpus.stream().filter(bad -> bad.value().length <= 1024).toList();
        Random random = new Random(seed);
        for (int i = 0; i < garbageKeys; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            Hostile bad = small.get(i % small.size());
            add(records, new ProducerRecord<>(topic, key, bad.value()), GARBAGE + bad.what());
        }
        kafka.produce(records);
    }

    private void add(List<ProducerRecord<byte[], byte[]>> records, ProducerRecord<byte[], byte[]> record, String bad) {
        records.add(record);
        sent.add(record);
        badAt.add(bad);
    }

    /** Starts the jar as the image runs it and watches its memory. */
    public void start(Path jar, Map<String, String> properties, Path log) {
        this.log = log;
        app = AppJar.start(jar, properties, log, Map.of("JDK_JAVA_OPTIONS", "-XX:+ExitOnOutOfMemoryError"));
        memory = ProcessMemory.watch(app.pid());
    }

    /**
     * Waits until every bad record sent is dead-lettered and the app has committed the end of its input; in Avro, then
     * sends the records held back during a registry outage, and waits again.
     */
    public void awaitProcessed(Duration timeout) {
        // and a millisecond per bad record, for runs with many more garbage keys than the build's
        kafka.consume(appId + "-dlq", badCount(), timeout.plusMillis(badCount()));
        kafka.awaitCaughtUp(appId, timeout);
        if (avro) {
            sendDuringARegistryOutage(timeout);
        }
    }

    /**
     * The registry stops; the held-back records are sent written with a schema the app has not seen (the event's own
     * with one more optional field); once the app has met the outage, the registry comes back on its port with its
     * schemas, within {@code schema.registry.outage.wait}. The app must wait it out on its stream thread, without
     * failing it, and process the records, dead-lettering none.
     */
    private void sendDuringARegistryOutage(Duration timeout) {
        Schema writer = registry.schema(HostileCorpus.schemaId(held.get(0).value())).orElseThrow();
        Schema newWriter = HostileCorpus.withExtraField(writer);
        int newId = registry.register(topic + "-value", newWriter);
        int port = registry.port();
        int deadLettersBefore = kafka.readAll(appId + "-dlq", Duration.ofSeconds(30)).size();
        long logBefore = size(log);
        registry.close();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : held) {
            ProducerRecord<byte[], byte[]> rewritten = new ProducerRecord<>(topic, null, record.timestamp(), record.key(),
                    HostileCorpus.rewrite(record.value(), writer, newId, newWriter), record.headers());
            add(records, rewritten, null);
        }
        kafka.produce(records);
        Awaitility.await("the app's log naming the unreachable registry").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).substring((int) logBefore).contains("127.0.0.1:" + port));
        registry = TestSchemaRegistry.persistent(port, journal);
        kafka.awaitCaughtUp(appId, timeout);
        assertThat(kafka.readAll(appId + "-dlq", Duration.ofSeconds(30))).as("dead letters after the outage")
                .hasSize(deadLettersBefore);
        assertThat(app.isAlive()).as("the app rode out the outage").isTrue();
        assertThat(app.log()).as("the app's log").doesNotContain("Replacing thread");
    }

    /**
     * Every bad record dead-lettered once, with its original bytes and a reason that contains {@code reasons}' part
     * for it (by its description, when given); no good record dead-lettered; the app alive, within the pod's memory,
     * and with no payload in its log.
     */
    public void assertBadRecordsDeadLetteredAndAppUnharmed(Map<String, String> reasons) {
        assertThat(app.isAlive()).as("the app still runs").isTrue();
        Map<Long, String> lettered = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : kafka.readAll(appId + "-dlq", Duration.ofMinutes(1))) {
            long offset = Long.parseLong(header(letter, DeadLetterHeaders.OFFSET));
            String reason = header(letter, DeadLetterHeaders.MESSAGE);
            String what = offset < badAt.size() ? badAt.get((int) offset) : null;
            assertThat(what).as("dead letter of offset %d, a good record: %s", offset, reason).isNotNull();
            assertThat(reason).as("the reason for %s", what).isNotBlank()
                    .contains(reasons.getOrDefault(what.replace(GARBAGE, ""), ""));
            assertThat(letter.value()).as("the original bytes of %s", what).isEqualTo(sent.get((int) offset).value());
            assertThat(lettered.put(offset, what)).as("one dead letter for %s", what).isNull();
        }
        assertThat(lettered).as("every bad record dead-lettered").hasSize(badCount());
        assertThat(memory.peakBytes()).as("peak RSS").isLessThan(POD_MEMORY);
        try {
            assertThat(Files.readString(log)).as("the app's log").doesNotContain(HostileCorpus.MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int badCount() {
        return (int) badAt.stream().filter(what -> what != null).count();
    }

    public long peakRssBytes() {
        return memory.peakBytes();
    }

    /** SIGTERM, and the app must exit as it should, without an ERROR line. */
    public void stopCleanly() {
        app.stopCleanly(Duration.ofSeconds(60));
    }

    /** Kills the app if a failed test left it running, and stops the registry. */
    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        if (app != null && app.isAlive()) {
            app.kill();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
