package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.clickstream.ClickTraffic;
import io.streamsuite.topologies.serde.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Over six hours of generated browsing with bots, for the integration tests that replay history through the app, and
 * exactly what the app must publish for it ({@link ClickTraffic#expect}, a model independent of the topology).
 *
 * @param events   by event time
 * @param expected computed from {@code events}; the flush events add nothing to it (see {@link #flush})
 */
record ClickHistory(List<ClickEvent> events, ClickTraffic.Expectations expected) {

    /** Users, pages and event ids of the flush start with this, so that a reader can leave them out. */
    static final String FLUSH = "flush-";
    private static final Duration BLOCK = Duration.ofMillis(ClickTraffic.SPAN_MS);

    /**
     * Two generated 3-hour blocks (seeds {@code seed} and {@code seed + 1}) a quarter of an hour apart, merged by event
     * time, starting a day ago on the hour.
     */
    static ClickHistory sixHours(long seed) {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(1));
        List<ClickEvent> events = Stream.concat(
                        ClickTraffic.generate(seed, 120, start).events().stream(),
                        ClickTraffic.generate(seed + 1, 120, start.plus(BLOCK).plus(Duration.ofMinutes(15))).events()
                                .stream()
                                .map(event -> new ClickEvent("b2-" + event.eventId(), event.userId(), event.type(),
                                        event.url(), event.referrer(), event.userAgent(), event.ip(), event.timestamp())))
                .sorted(Comparator.comparingLong(ClickEvent::timestamp))
                .toList();
        assertThat(events.get(events.size() - 1).timestamp() - events.get(0).timestamp())
                .isGreaterThanOrEqualTo(Duration.ofHours(6).toMillis());
        return new ClickHistory(events, ClickTraffic.expect(events));
    }

    long first() {
        return events.get(0).timestamp();
    }

    long last() {
        return events.get(events.size() - 1).timestamp();
    }

    /**
     * A page view on every input partition two hours after the history, so that every partition's event time passes
     * the end of every window, ranking, session and funnel hour of the history plus its grace. Its own windows and
     * its users' sessions stay open: it adds no output but its own page views, which readers leave out.
     */
    List<ClickEvent> flush(int partitions) {
        String[] users = new String[partitions];
        for (int i = 0, found = 0; found < partitions; i++) {
            String user = FLUSH + "user-" + i;
            int partition = partitionOf(user, partitions);
            if (users[partition] == null) {
                users[partition] = user;
                found++;
            }
        }
        long time = last() + Duration.ofHours(2).toMillis();
        List<ClickEvent> flush = new ArrayList<>();
        for (String user : users) {
            flush.add(new ClickEvent(FLUSH + user, user, "PAGE_VIEW", "/" + FLUSH + "page", null,
                    "Mozilla/5.0 Firefox/132.0", null, time));
        }
        return flush;
    }

    /** The input partition of a user's events: the Kafka producer's partitioner for a key. */
    static int partitionOf(String userId, int partitions) {
        return Utils.toPositive(Utils.murmur2(utf8(userId))) % partitions;
    }

    /** Events as the input topic takes them: keyed by user, timestamped with their event time. */
    static List<ProducerRecord<byte[], byte[]>> records(List<ClickEvent> events, TopicSpec<String, ClickEvent> input) {
        return events.stream().map(event -> new ProducerRecord<>(input.name(), null, event.timestamp(),
                utf8(event.userId()), input.valueSerde().serializer().serialize(input.name(), event))).toList();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
