package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.windowing.TopN.Entry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

class TopNPropertiesTest {

    /** Hits on a small pool of URLs, so items repeat, with increments of 0 to produce ties. */
    @Provide
    Arbitrary<List<Tuple2<String, Long>>> hits() {
        Arbitrary<String> url = Arbitraries.integers().between(0, 30).map(i -> "/url-" + i);
        Arbitrary<Long> increment = Arbitraries.longs().between(0, 5);
        return Combinators.combine(url, increment).as(Tuple::of).list().ofMaxSize(300);
    }

    @Property
    void withGrowingScoresEqualsRankingTheFullMap(
            @ForAll("hits") List<Tuple2<String, Long>> hits, @ForAll @IntRange(min = 1, max = 12) int limit) {
        Map<String, Long> totals = new HashMap<>();
        TopN<String> top = TopN.empty(limit);
        for (Tuple2<String, Long> hit : hits) {
            long total = totals.merge(hit.get1(), hit.get2(), Long::sum);
            top = top.with(hit.get1(), total);
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

    @Property
    void anyUpdatesKeepItemsUniqueRankedAndWithinTheLimit(
            @ForAll("hits") List<Tuple2<String, Long>> updates,
            @ForAll List<@IntRange(min = 0, max = 30) Integer> removals,
            @ForAll @IntRange(min = 1, max = 12) int limit) {
        TopN<String> top = TopN.empty(limit);
        for (int i = 0; i < updates.size(); i++) {
            // Scores here go up and down: only the invariants must hold, not the exact ranking.
            top = top.with(updates.get(i).get1(), updates.get(i).get2() - 2);
            if (i < removals.size()) {
                top = top.without("/url-" + removals.get(i));
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
