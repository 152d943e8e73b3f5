package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickTraffic;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's replay: hours of history on three input partitions, all produced before the app starts with the contract's
 * settings, so that each partition is read at its own pace and their event times lie far apart after every
 * repartition. Every page-view window, ranking and funnel hour must still be exactly what the events make, with nothing
 * dropped as late.
 */
class ClickstreamReplayIT {

    private static final String APP_ID = "clickstream-replay-it";
    private static final int PARTITIONS = 3;
    private static final Duration BLOCK = Duration.ofMillis(ClickTraffic.SPAN_MS);
    private static final String FLUSH = "flush-";

    private static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sixHoursOfHistoryOnThreePartitionsGiveExactWindowsRankingsAndFunnel() throws IOException {
        // two generated 3-hour blocks a quarter of an hour apart, merged by event time: over 6 hours of browsing and bots
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        List<ClickEvent> history = Stream.concat(
                        ClickTraffic.generate(21, 120, start).events().stream(),
                        ClickTraffic.generate(22, 120, start.plus(BLOCK).plus(Duration.ofMinutes(15))).events().stream()
                                .map(event -> new ClickEvent("b2-" + event.eventId(), event.userId(), event.type(),
                                        event.url(), event.referrer(), event.userAgent(), event.ip(), event.timestamp())))
                .sorted(Comparator.comparingLong(ClickEvent::timestamp))
                .toList();
        long last = history.get(history.size() - 1).timestamp();
        assertThat(last - history.get(0).timestamp()).isGreaterThanOrEqualTo(Duration.ofHours(6).toMillis());
        ClickTraffic.Expectations expected = ClickTraffic.expect(history);

        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "state.dir", dir.resolve("state").toString(),
                "http.port", "0",
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "shutdown.timeout", "20s"));
        AppContext context = ConfiguredApp.of(new ClickstreamApp(), properties).context();
        TopicSpec<String, ClickEvent> input = ClickstreamApp.events(context);
        kafka.createTopic(input.name(), PARTITIONS);
        List<ClickEvent> all = new ArrayList<>(history);
        all.addAll(flush(last + Duration.ofHours(2).toMillis()));
        kafka.produce(all.stream().map(event -> new ProducerRecord<>(input.name(), null, event.timestamp(),
                utf8(event.userId()), input.valueSerde().serializer().serialize(input.name(), event))).toList());

        Path config = dir.resolve("clickstream.properties");
        Files.writeString(config, properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        StreamsRunner runner = new StreamsRunner(new ClickstreamApp(), Map.of(), System.out, System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> runner.state().orElse(null) == KafkaStreams.State.RUNNING);
            List<PageViews> pageViews = read(ClickstreamApp.pageViews(context), expected.pageViews().size(),
                    views -> !views.url().startsWith("/" + FLUSH));
            List<TopPages> topPages = read(ClickstreamApp.topPages(context), expected.topPages().size(),
                    top -> top.pages().stream().noneMatch(page -> page.url().startsWith("/" + FLUSH)));
            List<FunnelCounts> funnel = read(ClickstreamApp.funnel(context), expected.funnel().size(), counts -> true);
            List<SessionSummary> sessions = read(ClickstreamApp.sessions(context), expected.sessions().size(),
                    session -> !session.userId().startsWith(FLUSH));

            assertThat(sorted(pageViews, Comparator.comparingLong(PageViews::windowStart).thenComparing(PageViews::url)))
                    .isEqualTo(expected.pageViews());
            assertThat(sorted(topPages, Comparator.comparingLong(TopPages::windowStart))).isEqualTo(expected.topPages());
            assertThat(sorted(funnel, Comparator.comparingLong(FunnelCounts::windowStart))).isEqualTo(expected.funnel());
            assertThat(sorted(sessions, Comparator.comparing(SessionSummary::userId)
                    .thenComparingLong(SessionSummary::sessionStart))).isEqualTo(expected.sessions());
            KafkaStreams streams = runner.streams().orElseThrow();
            double dropped = streams.metrics().entrySet().stream()
                    .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
                    .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
            assertThat(dropped).as("Streams' dropped-records metric").isZero();
        } finally {
            runner.stop();
            assertThat(exit.orTimeout(60, TimeUnit.SECONDS).join()).isZero();
        }
    }

    /** A page view on every partition, two hours after the history: every partition's event time passes its end. */
    private static List<ClickEvent> flush(long time) {
        String[] users = new String[PARTITIONS];
        for (int i = 0, found = 0; found < PARTITIONS; i++) {
            String user = FLUSH + "user-" + i;
            int partition = Utils.toPositive(Utils.murmur2(utf8(user))) % PARTITIONS;
            if (users[partition] == null) {
                users[partition] = user;
                found++;
            }
        }
        List<ClickEvent> flush = new ArrayList<>();
        for (String user : users) {
            flush.add(new ClickEvent(FLUSH + user, user, "PAGE_VIEW", "/" + FLUSH + "page", null,
                    "Mozilla/5.0 Firefox/132.0", null, time));
        }
        return flush;
    }

    /** Waits until at least {@code expected} kept records are committed, then returns all committed by then. */
    private static <T> List<T> read(TopicSpec<String, T> output, int expected, Predicate<T> keep) {
        String topic = output.name();
        List<T> kept = new ArrayList<>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            kept.clear();
            for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(10))) {
                T value = output.valueSerde().deserializer().deserialize(topic, record.headers(), record.value());
                if (keep.test(value)) {
                    kept.add(value);
                }
            }
            return kept.size() >= expected;
        });
        return kept;
    }

    private static <T> List<T> sorted(List<T> values, Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
