package io.streamsuite.devkit.generate;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Decides when the generator's next outputs are released, and which {@code now} it is driven with. */
interface Pacer {

    /**
     * Waits until {@code due} and returns the time to release outputs up to, or -1 if {@code stopped} turned true
     * while waiting.
     */
    long await(long due, BooleanSupplier stopped) throws InterruptedException;

    /** Live traffic: sleeps until each output is due on the wall clock, so event time is send time. */
    static Pacer wallClock(LongSupplier clock) {
        return (due, stopped) -> {
            long now = clock.getAsLong();
            while (now < due) {
                if (stopped.getAsBoolean()) {
                    return -1;
                }
                // short naps, so that Ctrl-C is answered promptly however far off the next output is
                Thread.sleep(Math.min(due - now, 100));
                now = clock.getAsLong();
            }
            return stopped.getAsBoolean() ? -1 : now;
        };
    }

    /**
     * As fast as possible: simulated time jumps to each output as soon as the one before is sent, so event times
     * start at the wall clock and then run ahead of it.
     */
    static Pacer freeRunning() {
        return (due, stopped) -> stopped.getAsBoolean() ? -1 : due;
    }
}
