package io.streamsuite.clickstream.app;

import io.streamsuite.clickstream.SessionSummary;
import io.streamsuite.clickstream.SessionTally;
import io.streamsuite.clickstream.TopPages;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.windowing.TopN;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

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
                        QueryableStoreTypes.<String, TopN<String>>windowStore(), ClickstreamQueries::latestTopPages),
                StoreQuery.byKey("/users/{userId}/session", sessionStore,
                        QueryableStoreTypes.<String, SessionTally>sessionStore(),
                        (sessions, userId) -> openSession(sessions, userId, clock.millis() - openFor.toMillis())));
    }

    /**
     * The ranking of the latest minute that has one. It fills as the page-view counts of that minute close, so it is
     * final once the next minute's ranking has begun.
     */
    static Optional<TopPages> latestTopPages(ReadOnlyWindowStore<String, TopN<String>> rankings) {
        KeyValue<Windowed<String>, TopN<String>> latest = null;
        try (KeyValueIterator<Windowed<String>, TopN<String>> all = rankings.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, TopN<String>> ranking = all.next();
                if (latest == null || ranking.key.window().start() > latest.key.window().start()) {
                    latest = ranking;
                }
            }
        }
        return Optional.ofNullable(latest)
                .map(ranking -> TopPages.of(ranking.key.window().start(), ranking.key.window().end(), ranking.value));
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
