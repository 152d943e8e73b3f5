package io.streamsuite.bench.run;

import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.Share;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of an app's drain and says where the stream thread's time and allocations went: the methods
 * on top of the execution samples, the first frame of the suite's own code in each sample's stack (what our code
 * spends, including the library calls it makes), and the classes allocated, by sampled weight.
 */
public final class JfrHotMethods {

    private static final String OWN_CODE = "io.streamsuite.";
    private static final int TOP = 12;

    private JfrHotMethods() {
    }

    public static Profile read(String app, String guarantee, Path recording) throws IOException {
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> allocated = new HashMap<>();
        long samples = 0;
        long allocatedTotal = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                top.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                stack.getFrames().stream()
                        .filter(frame -> frame.getMethod().getType().getName().startsWith(OWN_CODE))
                        .findFirst()
                        .ifPresent(frame -> own.merge(name(frame), 1L, Long::sum));
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = event.getLong("weight");
                allocatedTotal += weight;
                allocated.merge(event.getClass("objectClass").getName(), weight, Long::sum);
            }
        }
        return new Profile(app, guarantee, recording.getFileName().toString(), samples, shares(top, samples),
                shares(own, samples), shares(allocated, allocatedTotal));
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Share> shares(Map<String, Long> counts, long total) {
        if (total == 0) {
            return List.of();
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .map(entry -> new Share(entry.getKey(), 100.0 * entry.getValue() / total))
                .toList();
    }
}
