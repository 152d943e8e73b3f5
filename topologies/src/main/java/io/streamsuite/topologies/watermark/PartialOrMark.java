package io.streamsuite.topologies.watermark;

/**
 * What flows between the stages of a watermark-aligned window: the part of one window's aggregate that one source
 * partition holds, or that partition's progress mark. Partials travel by key; marks go to every partition downstream
 * (see {@link MarkPartitioner}), where {@link WatermarkMerge} waits for the marks of all source partitions.
 *
 * @param <V> the aggregate
 */
public sealed interface PartialOrMark<V> permits PartialOrMark.Partial, PartialOrMark.Mark {

    static <V> PartialOrMark<V> partial(long windowStart, long windowEnd, V value) {
        return new Partial<>(windowStart, windowEnd, value);
    }

    static <V> PartialOrMark<V> mark(int source, long time, boolean idle) {
        return new Mark<>(source, time, idle);
    }

    /**
     * One source partition's share of a window, sent once, when that partition has closed the window.
     *
     * @param windowStart inclusive, epoch milliseconds
     * @param windowEnd   exclusive, epoch milliseconds
     */
    record Partial<V>(long windowStart, long windowEnd, V value) implements PartialOrMark<V> {
    }

    /**
     * A source partition's promise: it has sent every partial of every window ending at or before {@code time}.
     *
     * @param source the partition (task) that sends it
     * @param idle   the partition has had no records for its idle time by the wall clock: until its next mark it does
     *               not hold windows back
     */
    record Mark<V>(int source, long time, boolean idle) implements PartialOrMark<V> {

        /** The same mark in a stream of other partials, e.g. after mapping what a merge emits. */
        public <W> PartialOrMark<W> retyped() {
            return new Mark<>(source, time, idle);
        }
    }
}
