package io.streamsuite.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    @Test
    void onlyWhatIsDueComesOutEarliestFirstThenByIdBytes() {
        DeadlineIndex index = new DeadlineIndex();
        index.add(30, "b");
        index.add(10, "d10");
        index.add(10, "d1");
        index.add(20, "a");
        index.add(10, "d2");
        index.add(40, "c");

        assertThat(index.hasDue(9)).isFalse();
        assertThat(index.pollDue(20)).containsExactly(new DeadlineIndex.Due(10, "d1"), new DeadlineIndex.Due(10, "d10"),
                new DeadlineIndex.Due(10, "d2"), new DeadlineIndex.Due(20, "a"));
        assertThat(index.size()).isEqualTo(2);
        index.remove(30, "b");
        assertThat(index.pollDue(100)).containsExactly(new DeadlineIndex.Due(40, "c"));
    }

    @Test
    void idsCompareAsTheirUtf8BytesDoAsTheStoreOrdersKeys() {
        // U+FF5E sorts before U+1F600 as a Java String (its UTF-16 surrogate starts with 0xD8) but after it in UTF-8
        List<String> ids = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF5E", "a", "ab", "Z"));
        ids.sort(DeadlineIndex.UTF8_ORDER);
        assertThat(ids).containsExactly("Z", "a", "ab", "\uFF5E", "\uD83D\uDE00");
    }
}
