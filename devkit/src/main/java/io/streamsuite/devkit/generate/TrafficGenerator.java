package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * One domain's traffic: a schedule of events in (wall-clock or simulated) time, released as time passes.
 *
 * <p>A generator is a pure function of its seed, its rate, its start time and the sequence of {@code now} values it
 * is driven with: it never reads a clock, so tests drive it with a fake one. Every event carries the time it was due
 * as its event time, which is never later than the {@code now} that released it; when the caller keeps up, that is
 * the wall clock at send time.
 */
public interface TrafficGenerator {

    /** The domain, as on the command line: {@code fraud}, {@code clickstream} or {@code iot}. */
    String domain();

    /** The topic whose records {@code --count} counts: transactions, click events or readings. */
    String mainTopic();

    /** What one event of the main topic is called in the summary, e.g. {@code transactions}. */
    String eventNoun();

    /** The short unit of the progress bar, e.g. {@code tx}. */
    String unit();

    /** When the next output is due, epoch milliseconds. */
    long nextDue();

    /**
     * Everything due at or before {@code now}, in due order: records to send, each with the ground truth that
     * concerns it, and ground truth about silences that have no record of their own.
     */
    List<Output> next(long now);
}
