package io.streamsuite.devkit.generate;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Events sent and their rate on stderr: a live bar on a terminal, an occasional plain line otherwise. */
interface Progress extends AutoCloseable {

    void update(long sent, String extra);

    @Override
    void close();

    static Progress none() {
        return new Progress() {
            @Override
            public void update(long sent, String extra) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * @param max      the events expected, or -1 when the run ends on a duration or Ctrl-C
     * @param terminal whether stderr is an interactive terminal; if not, a line every 10 s instead of a bar
     */
    static Progress bar(String task, String unit, long max, boolean terminal, PrintStream err) {
        AtomicLong latest = new AtomicLong();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII);
        if (terminal) {
            builder.setUpdateIntervalMillis(250);
        } else {
            // a log file gets one plain line now and then, not a carriage-return animation, and only when there is
            // news: not the empty start, nor the last line again on closing
            AtomicLong printed = new AtomicLong();
            builder.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(line -> {
                long sent = latest.get();
                if (sent > printed.getAndSet(sent)) {
                    err.println(line);
                }
            }, 100));
        }
        ProgressBar bar = builder.build();
        return new Progress() {
            @Override
            public void update(long sent, String extra) {
                latest.set(sent);
                bar.stepTo(sent);
                bar.setExtraMessage(" (" + extra + ")");
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
