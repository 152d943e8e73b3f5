package io.streamsuite.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about one process at one moment: CPU time used so far (user + system, from {@code /proc/<pid>/stat})
 * and resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}).
 */
public record ProcessSample(long nanos, double cpuSeconds, long rssBytes, long peakRssBytes) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux architecture Java runs on. */
    private static final double CLOCK_TICKS = 100.0;

    /** Reads the process's figures now; null once it is gone. */
    public static ProcessSample of(long pid) {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields from the closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // after the name: state is field 3, utime field 14, stime field 15
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = 0;
            long hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                }
            }
            return new ProcessSample(now, ticks / CLOCK_TICKS, rss, hwm);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
