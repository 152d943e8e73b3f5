package io.streamsuite.bench.run;

import com.sun.tools.attach.VirtualMachine;
import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.Share;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * async-profiler 4.1 (Maven Central's {@code tools.profiler:async-profiler}, whose jar this module shades) attached to
 * a running JVM with the JDK's attach API, so that a profile covers only the steady window of a drain, and sees the
 * native frames (RocksDB, JNI, the JVM, the kernel) that JFR's execution samples leave out. It samples CPU with
 * perf_events ({@code event=cpu}); where perf_events are not allowed (a container, {@code perf_event_paranoid} above 2)
 * it falls back to {@code itimer}, which sees the same frames with a coarser clock.
 */
public final class AsyncProfiler {

    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";
    private static final String OWN_CODE = "io/streamsuite/";
    private static final int TOP = 15;

    private final Path library;
    private String event;

    /** Extracts the native library into {@code workDir}. */
    public AsyncProfiler(Path workDir) throws IOException {
        library = workDir.toAbsolutePath().resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY + " is not in the benchmarks jar: rebuild it");
            }
            Files.createDirectories(library.getParent());
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Starts sampling {@code pid} every 10 ms of CPU; the event used (cpu, or itimer as the fallback). */
    public String start(long pid) {
        for (String candidate : List.of("cpu", "itimer")) {
            try {
                command(pid, "start,event=" + candidate + ",interval=10ms");
                event = candidate;
                return candidate;
            } catch (IllegalStateException refused) {
                // perf_events not allowed here: the next event
            }
        }
        throw new IllegalStateException("async-profiler could not start on process " + pid + " with cpu or itimer");
    }

    /** Stops sampling and writes the collapsed stacks (one line per stack, its count last) to {@code file}. */
    public void stop(long pid, Path file) {
        command(pid, "stop,file=" + file.toAbsolutePath() + ",collapsed");
    }

    public String event() {
        return event;
    }

    private void command(long pid, String options) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgentPath(library.toString(), options);
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new IllegalStateException("async-profiler '" + options + "' on process " + pid + ": " + e, e);
        }
    }

    /** Reads collapsed stacks into the report's profile. */
    public static Profile read(String app, String guarantee, String event, Path collapsed) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        long total = 0;
        long nativeTop = 0;
        long kernelTop = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            String top = frames[frames.length - 1];
            total += count;
            self.merge(top, count, Long::sum);
            if (top.endsWith("_[k]")) {
                kernelTop += count;
            } else if (!top.contains("/")) {
                // Java frames are package/Class.method; the JVM's, RocksDB's and libc's have no slash
                nativeTop += count;
            }
            for (String frame : frames) {
                if (frame.startsWith(OWN_CODE)) {
                    own.merge(frame, count, Long::sum);
                    break;
                }
            }
        }
        return new Profile(app, guarantee, event, collapsed.getFileName().toString(), total, shares(self, total),
                shares(own, total), percent(nativeTop, total), percent(kernelTop, total));
    }

    private static double percent(long part, long total) {
        return total == 0 ? 0 : 100.0 * part / total;
    }

    private static List<Share> shares(Map<String, Long> counts, long total) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .map(entry -> new Share(entry.getKey(), percent(entry.getValue(), total)))
                .toList();
    }
}
