package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.windowing.TopN.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Random inputs, seeded by the repetition number so that a failure names a reproducible case. */
class TopNPropertiesTest {

    private record Hit(String url, long increment) {
    }

    /** Up to 300 hits on a small pool of URLs, so items repeat, with increments of 0 to produce ties. */
    private static List<Hit> hits(Random random) {
        int size = random.nextInt(301);
        List<Hit> hits = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            hits.add(new Hit("/url-" + random.nextInt(31), random.nextInt(6)));
        }
        return hits;
    }

    @RepeatedTest(300)
    void withGrowingScoresEqualsRankingTheFullMap(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<Hit> hits = hits(random);
        int limit = 1 + random.nextInt(12);
        Map<String, Long> totals = new HashMap<>();
        TopN<String> top = TopN.empty(limit);
        for (Hit hit : hits) {
            long total = totals.merge(hit.url(), hit.increment(), Long::sum);
            top = top.with(hit.url(), total);
        }

        List<Entry<String>> expected = totals.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue())
                        ? a.getKey().compareTo(b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .map(e -> new Entry<>(e.getKey(), e.getValue()))
                .toList();
        assertThat(top.entries()).isEqualTo(expected);
    }

    @RepeatedTest(300)
    void anyUpdatesKeepItemsUniqueRankedAndWithinTheLimit(RepetitionInfo repetition) {
        Random random = new Random(1000L + repetition.getCurrentRepetition());
        List<Hit> updates = hits(random);
        int limit = 1 + random.nextInt(12);
        TopN<String> top = TopN.empty(limit);
        for (Hit update : updates) {
            // Scores here go up and down: only the invariants must hold, not the exact ranking.
            top = top.with(update.url(), update.increment() - 2);
            if (random.nextBoolean()) {
                top = top.without("/url-" + random.nextInt(31));
            }
        }

        List<Entry<String>> entries = top.entries();
        assertThat(entries).hasSizeLessThanOrEqualTo(limit);
        assertThat(entries).extracting(Entry::item).doesNotHaveDuplicates();
        for (int i = 1; i < entries.size(); i++) {
            Entry<String> before = entries.get(i - 1);
            Entry<String> after = entries.get(i);
            assertThat(before.score() > after.score()
                    || before.score() == after.score() && before.item().compareTo(after.item()) < 0)
                    .as("%s ranked before %s", before, after)
                    .isTrue();
        }
    }
}
