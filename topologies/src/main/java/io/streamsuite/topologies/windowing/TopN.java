package io.streamsuite.topologies.windowing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code limit} highest-scored items, e.g. the most viewed URLs, in bounded space.
 *
 * <p>Entries are ordered by score descending, then by the item's {@code toString()} ascending, so
 * equal scores always rank the same way regardless of arrival order. Distinct items whose
 * {@code toString()} is also equal keep the order in which they were ranked. Each item (by
 * {@code equals}) appears at most once.
 *
 * <p><b>Lossy by design.</b> An item pushed below the limit is forgotten. That is exact when scores
 * only grow (counts, running sums) and every update passes the item's full current score, or when
 * ranking a complete set once. If a score can fall, an item that was dropped earlier may now belong
 * in the top N but is no longer known; keep the full scores elsewhere (e.g. a KTable) and rank
 * those instead.
 *
 * <p>Immutable and serialisable by Jackson as {@code {"limit":..,"entries":[{"item":..,"score":..}]}};
 * read it back with a {@code TypeReference<TopN<ItemType>>} so the item type is known.
 *
 * @param limit   maximum number of entries, at least 1
 * @param entries the ranked entries, most-scored first
 * @param <T>     item type
 */
public record TopN<T>(int limit, List<Entry<T>> entries) {

    /**
     * One ranked item.
     *
     * @param item  the item, not null
     * @param score its score
     * @param <T>   item type
     */
    public record Entry<T>(T item, long score) {

        /**
         * Rejects a null item, which could neither be ranked by name nor found again.
         *
         * @throws NullPointerException if {@code item} is null
         */
        public Entry {
            Objects.requireNonNull(item, "item");
        }
    }

    private static final Comparator<Entry<?>> RANKING = Comparator
            .comparingLong((Entry<?> e) -> e.score()).reversed()
            .thenComparing(e -> e.item().toString());

    /**
     * Brings any entry list into canonical form, so an instance read from JSON or built by hand
     * obeys the same invariants as one built with {@link #with}.
     *
     * @throws IllegalArgumentException if {@code limit < 1}, an item occurs twice, or there are
     *                                  more entries than {@code limit}
     * @throws NullPointerException     if {@code entries} or one of its elements is null
     */
    public TopN {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        if (entries.size() > limit) {
            throw new IllegalArgumentException(
                    "entries must hold at most limit (" + limit + ") entries but held " + entries.size());
        }
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(RANKING);
        Set<T> seen = new HashSet<>();
        for (Entry<T> entry : sorted) {
            if (!seen.add(entry.item())) {
                throw new IllegalArgumentException("item must appear at most once but was repeated: " + entry.item());
            }
        }
        entries = List.copyOf(sorted);
    }

    /**
     * An empty ranking, the initial value of an aggregation.
     *
     * @param limit maximum number of entries to keep, at least 1
     * @param <T>   item type
     * @return a ranking without entries
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public static <T> TopN<T> empty(int limit) {
        return new TopN<>(limit, List.of());
    }

    /**
     * The ranking after setting {@code item}'s score: replaces its old score if it is ranked,
     * otherwise inserts it, then drops whatever falls below the limit (possibly {@code item} itself).
     *
     * @param item  the item, not null
     * @param score its full current score (not an increment)
     * @return a new instance; this one is unchanged
     */
    public TopN<T> with(T item, long score) {
        Entry<T> added = new Entry<>(item, score);
        List<Entry<T>> next = new ArrayList<>(entries.size() + 1);
        for (Entry<T> entry : entries) {
            if (!entry.item().equals(item)) {
                next.add(entry);
            }
        }
        next.add(added);
        next.sort(RANKING);
        if (next.size() > limit) {
            next = next.subList(0, limit);
        }
        return new TopN<>(limit, next);
    }

    /**
     * The ranking without {@code item}, e.g. after it was deleted upstream.
     *
     * @param item the item to remove
     * @return a new instance without the item, or this one if it was not ranked
     */
    public TopN<T> without(T item) {
        List<Entry<T>> next = new ArrayList<>(entries.size());
        for (Entry<T> entry : entries) {
            if (!entry.item().equals(item)) {
                next.add(entry);
            }
        }
        return next.size() == entries.size() ? this : new TopN<>(limit, next);
    }
}
