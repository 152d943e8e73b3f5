package io.streamsuite.topologies.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.windowing.TopN.Entry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopNTest {

    @Test
    void emptyHasTheLimitAndNoEntries() {
        TopN<String> top = TopN.empty(3);

        assertThat(top.limit()).isEqualTo(3);
        assertThat(top.entries()).isEmpty();
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThatThrownBy(() -> TopN.empty(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 1 but was 0");
    }

    @Test
    void keepsTheNHighestMostScoredFirst() {
        TopN<String> top = TopN.<String>empty(3)
                .with("/a", 5).with("/b", 1).with("/c", 9).with("/d", 7).with("/e", 3);

        assertThat(top.entries()).containsExactly(
                new Entry<>("/c", 9), new Entry<>("/d", 7), new Entry<>("/a", 5));
    }

    @Test
    void limitIsNeverExceeded() {
        TopN<String> top = TopN.empty(2);
        for (int i = 0; i < 50; i++) {
            top = top.with("/page-" + i, i);
            assertThat(top.entries()).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(top.entries()).containsExactly(new Entry<>("/page-49", 49), new Entry<>("/page-48", 48));
    }

    @Test
    void replacesTheScoreOfAnItemAlreadyRanked() {
        TopN<String> top = TopN.<String>empty(3).with("/a", 5).with("/b", 4).with("/a", 2);

        assertThat(top.entries()).containsExactly(new Entry<>("/b", 4), new Entry<>("/a", 2));
    }

    @Test
    void anItemRankedBelowTheLimitIsNotAdded() {
        TopN<String> top = TopN.<String>empty(2).with("/a", 10).with("/b", 9);

        assertThat(top.with("/c", 1)).isEqualTo(top);
    }

    @Test
    void tiesAreOrderedByItemNameWhateverTheArrivalOrder() {
        List<Entry<String>> expected = List.of(
                new Entry<>("/x", 8), new Entry<>("/a", 3), new Entry<>("/b", 3), new Entry<>("/c", 3));

        assertThat(TopN.<String>empty(5).with("/c", 3).with("/x", 8).with("/b", 3).with("/a", 3).entries())
                .isEqualTo(expected);
        assertThat(TopN.<String>empty(5).with("/a", 3).with("/b", 3).with("/c", 3).with("/x", 8).entries())
                .isEqualTo(expected);
    }

    @Test
    void aTieAtTheLimitKeepsTheSmallerName() {
        TopN<String> top = TopN.<String>empty(2).with("/c", 1).with("/b", 1).with("/a", 1);

        assertThat(top.entries()).containsExactly(new Entry<>("/a", 1), new Entry<>("/b", 1));
    }

    @Test
    void tiesCompareTheToStringNotTheNaturalOrder() {
        TopN<Integer> top = TopN.<Integer>empty(3).with(9, 1).with(10, 1);

        // "10" < "9" as strings although 9 < 10 as numbers
        assertThat(top.entries()).containsExactly(new Entry<>(10, 1), new Entry<>(9, 1));
    }

    @Test
    void withoutRemovesTheItemAndFreesItsPlace() {
        TopN<String> top = TopN.<String>empty(3).with("/a", 3).with("/b", 2).with("/c", 1);

        TopN<String> removed = top.without("/b");

        assertThat(removed.entries()).containsExactly(new Entry<>("/a", 3), new Entry<>("/c", 1));
        assertThat(removed.with("/d", 0).entries()).hasSize(3);
        assertThat(top.entries()).hasSize(3);
    }

    @Test
    void withoutAnUnrankedItemChangesNothing() {
        TopN<String> top = TopN.<String>empty(3).with("/a", 3);

        assertThat(top.without("/zzz")).isSameAs(top);
    }

    @Test
    void fallingScoresLoseItemsThatWereDroppedEarlier() {
        // The documented limitation: /c was dropped at 8, so it cannot come back when /a falls to 1.
        TopN<String> top = TopN.<String>empty(2).with("/a", 10).with("/b", 9).with("/c", 8).with("/a", 1);

        assertThat(top.entries()).containsExactly(new Entry<>("/b", 9), new Entry<>("/a", 1));
    }

    @Test
    void entriesCannotBeModified() {
        TopN<String> top = TopN.<String>empty(3).with("/a", 1);

        assertThatThrownBy(() -> top.entries().add(new Entry<>("/b", 2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructorSortsEntriesAndCopiesTheList() {
        List<Entry<String>> unsorted = new ArrayList<>(List.of(
                new Entry<>("/b", 1), new Entry<>("/a", 5), new Entry<>("/c", 1)));

        TopN<String> top = new TopN<>(3, unsorted);
        unsorted.clear();

        assertThat(top.entries()).containsExactly(
                new Entry<>("/a", 5), new Entry<>("/b", 1), new Entry<>("/c", 1));
    }

    @Test
    void constructorRejectsRepeatedItemsAndTooManyEntries() {
        assertThatThrownBy(() -> new TopN<>(3, List.of(new Entry<>("/a", 1), new Entry<>("/a", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("item must appear at most once but was repeated: /a");
        assertThatThrownBy(() -> new TopN<>(1, List.of(new Entry<>("/a", 1), new Entry<>("/b", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entries must hold at most limit (1) entries but held 2");
    }

    @Test
    void entryRejectsANullItem() {
        assertThatThrownBy(() -> TopN.<String>empty(2).with(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("item");
    }

    @Test
    void jacksonRoundTripWithATypeReference() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        TopN<String> top = TopN.<String>empty(3).with("/a", 5).with("/b", 7).with("/c", 5);

        String json = mapper.writeValueAsString(top);
        TopN<String> read = mapper.readValue(json, new TypeReference<TopN<String>>() { });

        assertThat(json).isEqualTo(
                "{\"limit\":3,\"entries\":[{\"item\":\"/b\",\"score\":7},"
                        + "{\"item\":\"/a\",\"score\":5},{\"item\":\"/c\",\"score\":5}]}");
        assertThat(read).isEqualTo(top);
        assertThat(read.entries().get(0).item()).isInstanceOf(String.class);
    }

    @Test
    void jacksonInputIsBroughtIntoRankedOrder() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = "{\"limit\":2,\"entries\":[{\"item\":\"/low\",\"score\":1},{\"item\":\"/high\",\"score\":9}]}";

        TopN<String> read = mapper.readValue(json, new TypeReference<TopN<String>>() { });

        assertThat(read.entries()).containsExactly(new Entry<>("/high", 9), new Entry<>("/low", 1));
    }
}
