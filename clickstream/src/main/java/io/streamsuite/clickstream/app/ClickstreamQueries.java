package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.SessionTally;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.watermark.WatermarkMerge;
import io.streamsuite.topologies.windowing.TopN;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The clickstream app's interactive queries: the latest ranking and a user's open session. */
final class ClickstreamQueries {

    private ClickstreamQueries() {
    }

    /**
     * {@code GET /pages/top} from the one instance that ranks (the ranking is fed by a one-partition topic), and
     * {@code GET /users/{userId}/session} from the user's owner.
     *
     * @param openFor how long after its last event a session counts as open: the inactivity gap plus the grace
     * @param clock   the instance's clock, against which that is judged
     */
    static List<StoreQuery> all(String topPagesStore, String sessionStore, Duration openFor, Clock clock) {
        return List.of(
                StoreQuery.singlePartition("/pages/top", topPagesStore,
                        QueryableStoreTypes.<Bytes, byte[]>keyValueStore(), ClickstreamQueries::latestTopPages),
                StoreQuery.byKey("/users/{userId}/session", sessionStore,
                        QueryableStoreTypes.<String, SessionTally>sessionStore(),
                        (sessions, userId) -> openSession(sessions, userId, clock.millis() - openFor.toMillis())));
    }

    /**
     * The ranking of the latest minute that has one, not emitted yet: it fills as the closed page-view counts of that
     * minute arrive, and is final once the marks of every partition have passed the minute.
     */
    static Optional<TopPages> latestTopPages(ReadOnlyKeyValueStore<Bytes, byte[]> rankings) {
        WatermarkMerge.Pending<String, TopN<String>> latest = WatermarkMerge.latest(rankings, Serdes.String(),
                ClickstreamApp.rankingSerde());
        return Optional.ofNullable(latest)
                .map(ranking -> TopPages.of(ranking.windowStart(), ranking.windowEnd(), ranking.aggregate()));
    }

    /**
     * The user's latest session that ended at or after {@code openSince}: open, or closed so recently that a late
     * event may still join it. The store also keeps closed sessions for a while, which this leaves out.
     */
    static Optional<SessionSummary> openSession(ReadOnlySessionStore<String, SessionTally> sessions, String userId,
                                                long openSince) {
        KeyValue<Windowed<String>, SessionTally> latest = null;
        try (KeyValueIterator<Windowed<String>, SessionTally> open =
                     sessions.findSessions(userId, openSince, Long.MAX_VALUE)) {
            while (open.hasNext()) {
                KeyValue<Windowed<String>, SessionTally> session = open.next();
                if (session.value != null && (latest == null || session.key.window().end() > latest.key.window().end())) {
                    latest = session;
                }
            }
        }
        return Optional.ofNullable(latest).map(session -> session.value.toSummary(userId));
    }
}
