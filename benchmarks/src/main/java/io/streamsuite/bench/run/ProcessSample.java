package io.streamsuite.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux says about one process at one moment: CPU time used so far (user + system, from {@code /proc/<pid>/stat})
 * and resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}).
 */
public record ProcessSample(long nanos, double cpuSeconds, long rssBytes, long peakRssBytes) {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux architecture Java runs on. */
    static final double CLOCK_TICKS = 100.0;

    /** Reads the process's figures now; null once it is gone. */
    public static ProcessSample of(long pid) {
        long now = System.nanoTime();
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return parse(now, stat, status);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * The figures from the text of {@code /proc/<pid>/stat} and the lines of {@code /proc/<pid>/status}. Only the
     * process's own CPU time counts (utime + stime), not that of children it waited for: every measured JVM and the
     * broker are processes of their own, each read separately.
     */
    static ProcessSample parse(long nanos, String stat, List<String> status) {
        // the command name (field 2) may hold spaces and parentheses: count fields from the last closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (field 14) is fields[11] and stime (field 15) fields[12]
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long rss = 0;
        long hwm = 0;
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kilobytes(line);
            }
        }
        return new ProcessSample(nanos, ticks / CLOCK_TICKS, rss, hwm);
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
