package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.clickstream.BotAlert;
import io.streamsuite.clickstream.ClickTraffic;
import io.streamsuite.clickstream.FunnelCounts;
import io.streamsuite.clickstream.PageViews;
import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every output of the clickstream app as a {@code read_committed} consumer sees it, compared exactly with what
 * generated history must give ({@link ClickHistory}): page views, rankings, sessions, funnel hours and bot alerts,
 * without the flush's own page views, sessions and funnel hours (users and pages starting with
 * {@value ClickHistory#FLUSH}).
 */
record CommittedOutputs(List<PageViews> pageViews, List<TopPages> topPages, List<SessionSummary> sessions,
                        List<FunnelCounts> funnel, List<BotAlert> botAlerts) {

    private static final String FLUSH_PAGE = "/" + ClickHistory.FLUSH;
    private static final Comparator<BotAlert> BY_USER_AND_TIME = Comparator.comparing(BotAlert::userId)
            .thenComparingLong(BotAlert::windowEnd);

    /**
     * Waits until each output holds at least as many records as expected (more fail the comparison), sorted as
     * {@link ClickTraffic.Expectations} lists them.
     */
    static CommittedOutputs read(EmbeddedKafka kafka, AppContext context, ClickTraffic.Expectations expected,
                                 Duration timeout) {
        return read(kafka, context, expected, timeout, Long.MAX_VALUE, record -> { });
    }

    /**
     * @param lastEventTime funnel hours starting after it are the flush's, left out
     * @param check         applied to every record read, e.g. to its headers
     */
    static CommittedOutputs read(EmbeddedKafka kafka, AppContext context, ClickTraffic.Expectations expected,
                                 Duration timeout, long lastEventTime, Consumer<ConsumerRecord<byte[], byte[]>> check) {
        Reader reader = new Reader(kafka, timeout, check);
        return new CommittedOutputs(
                reader.read(ClickstreamApp.pageViews(context), expected.pageViews().size(),
                        views -> !views.url().startsWith(FLUSH_PAGE),
                        Comparator.comparingLong(PageViews::windowStart).thenComparing(PageViews::url)),
                reader.read(ClickstreamApp.topPages(context), expected.topPages().size(),
                        top -> top.pages().stream().noneMatch(page -> page.url().startsWith(FLUSH_PAGE)),
                        Comparator.comparingLong(TopPages::windowStart)),
                reader.read(ClickstreamApp.sessions(context), expected.sessions().size(),
                        session -> !session.userId().startsWith(ClickHistory.FLUSH),
                        Comparator.comparing(SessionSummary::userId).thenComparingLong(SessionSummary::sessionStart)),
                reader.read(ClickstreamApp.funnel(context), expected.funnel().size(),
                        counts -> counts.windowStart() <= lastEventTime,
                        Comparator.comparingLong(FunnelCounts::windowStart)),
                reader.read(ClickstreamApp.botAlerts(context), expected.botAlerts().size(), alert -> true,
                        BY_USER_AND_TIME));
    }

    /** Every output equal to the expectation, record for record; alerts without their wording and detection time. */
    void assertEqualTo(ClickTraffic.Expectations expected) {
        assertThat(pageViews).as("page views").isEqualTo(expected.pageViews());
        assertThat(topPages).as("top pages").isEqualTo(expected.topPages());
        assertThat(sessions).as("sessions").isEqualTo(expected.sessions());
        assertThat(funnel).as("funnel").isEqualTo(expected.funnel());
        assertThat(botAlerts).as("bot alerts have a reason").allSatisfy(alert -> assertThat(alert.reason()).isNotBlank());
        assertThat(botAlerts.stream().map(ClickTraffic::comparable).toList()).as("bot alerts")
                .isEqualTo(expected.botAlerts().stream().sorted(BY_USER_AND_TIME).toList());
    }

    /** For a RESULT line. */
    String counts() {
        return String.format("page views %d, top pages %d, sessions %d, funnel hours %d, bot alerts %d",
                pageViews.size(), topPages.size(), sessions.size(), funnel.size(), botAlerts.size());
    }

    private record Reader(EmbeddedKafka kafka, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> check) {

        <T> List<T> read(TopicSpec<String, T> output, int expected, Predicate<T> keep, Comparator<T> order) {
            String topic = output.name();
            List<T> kept = new ArrayList<>();
            await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
                kept.clear();
                for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, Duration.ofSeconds(10))) {
                    check.accept(record);
                    T value = output.valueSerde().deserializer().deserialize(topic, record.headers(), record.value());
                    if (keep.test(value)) {
                        kept.add(value);
                    }
                }
                return kept.size() >= expected;
            });
            return kept.stream().sorted(order).toList();
        }
    }
}
