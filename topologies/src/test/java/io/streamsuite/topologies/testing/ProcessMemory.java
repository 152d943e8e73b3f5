package io.streamsuite.topologies.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest resident set size a process reached while watched, sampled from {@code /proc/<pid>/status} (Linux): what
 * a container's memory limit is measured against.
 */
public final class ProcessMemory implements AutoCloseable {

    private final long pid;
    private final AtomicLong peakBytes = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private ProcessMemory(long pid) {
        this.pid = pid;
    }

    /** Samples the process's RSS every 100 ms until closed. */
    public static ProcessMemory watch(long pid) {
        ProcessMemory memory = new ProcessMemory(pid);
        memory.sampler.scheduleAtFixedRate(memory::sample, 0, 100, TimeUnit.MILLISECONDS);
        return memory;
    }

    /** The highest RSS seen so far, in bytes. */
    public long peakBytes() {
        return peakBytes.get();
    }

    private void sample() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakBytes.accumulateAndGet(kib * 1024, Math::max);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has exited: its peak is what was seen
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
