package io.streamsuite.devkit.generate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One run of a generator: releases its outputs as the pacer allows, sends the records, writes the ground truth of
 * those sent, and stops on {@code --count}, {@code --duration}, a send failure or a stop request (Ctrl-C).
 */
final class GenerateRun {

    /** How a run ended. */
    record Result(Tally tally, long wallMillis, long eventMillis, Exception failure) {
    }

    private final TrafficGenerator generator;
    private final Sink sink;
    private final GroundTruthWriter truth;
    private final Pacer pacer;
    private final Progress progress;
    private final LongSupplier wallClock;
    private final long start;
    private final long count;
    private final Duration duration;

    /**
     * @param start    the generator's start time: event times begin here
     * @param count    stop after this many events of the main topic; 0 for no limit
     * @param duration stop before the first event more than this after {@code start}; null for no limit
     */
    GenerateRun(TrafficGenerator generator, Sink sink, GroundTruthWriter truth, Pacer pacer, Progress progress,
                LongSupplier wallClock, long start, long count, Duration duration) {
        this.generator = generator;
        this.sink = sink;
        this.truth = truth;
        this.pacer = pacer;
        this.progress = progress;
        this.wallClock = wallClock;
        this.start = start;
        this.count = count;
        this.duration = duration;
    }

    Result run(AtomicBoolean stop) throws IOException, InterruptedException {
        Tally tally = new Tally(generator.mainTopic());
        long wallStart = wallClock.getAsLong();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toMillis();
        long lastTime = start;
        Exception failure = null;
        boolean done = false;
        while (!done && !stop.get()) {
            long due = generator.nextDue();
            if (due > end) {
                break;
            }
            long now = pacer.await(due, stop::get);
            if (now < 0) {
                break;
            }
            List<Output> outputs = generator.next(Math.min(now, end));
            long wall = wallClock.getAsLong();
            for (Output output : outputs) {
                if (output.isRecord()) {
                    if (!sink.send(output)) {
                        break;
                    }
                    tally.sent(output);
                }
                for (Truth line : output.truths()) {
                    truth.write(line, wall);
                    tally.truth(line);
                }
                lastTime = Math.max(lastTime, output.time());
                if (count > 0 && tally.events() >= count) {
                    done = true;
                    break;
                }
            }
            failure = sink.failure();
            if (failure != null) {
                break;
            }
            progress.update(tally.events(), "injected " + tally.truthLines());
        }
        progress.update(tally.events(), "injected " + tally.truthLines());
        return new Result(tally, wallClock.getAsLong() - wallStart, lastTime - start, failure);
    }
}
