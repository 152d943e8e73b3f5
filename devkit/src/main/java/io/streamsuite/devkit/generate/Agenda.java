package io.streamsuite.devkit.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The timetable of a generator: actors due at given times, run in time order (ties in the order they were booked, so
 * that a run is reproducible). An actor that acts again books itself anew.
 */
final class Agenda {

    /** Something that happens at a time: a card's purchase, a device's report, the start of a scenario. */
    interface Actor {
        /** Acts at {@code time}, adding what it releases to {@code out} and booking any follow-up on the agenda. */
        void act(long time, Agenda agenda, List<Output> out);
    }

    private record Entry(long time, long order, Actor actor) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long booked;

    void at(long time, Actor actor) {
        queue.add(new Entry(time, booked++, actor));
    }

    /** When the next actor is due, or {@link Long#MAX_VALUE} if none is. */
    long nextDue() {
        Entry next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.time();
    }

    /** Runs every actor due at or before {@code now}, including those booked meanwhile for times up to it. */
    List<Output> runUntil(long now) {
        List<Output> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().time() <= now) {
            Entry entry = queue.poll();
            entry.actor().act(entry.time(), this, out);
        }
        return out;
    }
}
