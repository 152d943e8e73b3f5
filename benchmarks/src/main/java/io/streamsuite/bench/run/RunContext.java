package io.streamsuite.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every mode of one run shares: the options, the broker's address, the launcher, the admin calls, the drain
 * watch, the write meter, the log and the failures noted so far.
 */
final class RunContext {

    static final String ALOS = "at_least_once";
    static final String EOS = "exactly_once_v2";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    final BenchOptions options;
    final String runId;
    final String bootstrapServers;
    final Launcher launcher;
    final Topics topics;
    final DrainWatch watch;
    final WriteMeter writes;
    final List<String> failures = new ArrayList<>();
    private final PrintStream out;

    RunContext(BenchOptions options, String runId, String bootstrapServers, Launcher launcher, Topics topics,
               DrainWatch watch, WriteMeter writes, PrintStream out) {
        this.options = options;
        this.runId = runId;
        this.bootstrapServers = bootstrapServers;
        this.launcher = launcher;
        this.topics = topics;
        this.watch = watch;
        this.writes = writes;
        this.out = out;
    }

    Path work() {
        return options.workDir().toAbsolutePath();
    }

    /** A name unique to this run: {@code bench-<run>-<parts>}. */
    String name(String... parts) {
        return "bench-" + runId + "-" + String.join("-", parts);
    }

    /**
     * Removes what a finished measurement left: the topics named, the group's internal topics and its state
     * directory, so that nothing (state, a blocklist entry, a changelog) carries over into the next one.
     */
    void cleanUp(String group, List<String> topicsToDelete) {
        try {
            List<String> doomed = new ArrayList<>(topicsToDelete);
            topics.names().stream().filter(topic -> topic.startsWith(group + "-")).forEach(doomed::add);
            topics.delete(doomed);
            deleteTree(work().resolve("state").resolve(group));
        } catch (RuntimeException | IOException e) {
            say("  (could not clean up after " + group + ": " + e.getMessage() + ")");
        }
    }

    /** A later measurement does not depend on this one: note the failure and go on. */
    void failed(String what, RuntimeException e) {
        String reason = what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
        failures.add(reason);
        say("FAILED " + reason);
    }

    void say(String line) {
        out.println("[" + CLOCK.format(LocalTime.now()) + "] " + line);
        out.flush();
    }

    static String shortName(String guarantee) {
        return switch (guarantee) {
            case ALOS -> "alos";
            case EOS -> "eos";
            default -> guarantee;
        };
    }

    static void expectSuccess(JavaProcess process, Duration timeout) throws InterruptedException {
        int exit = process.await(timeout);
        if (exit != 0) {
            throw new IllegalStateException(process.name() + " failed with exit code " + exit + "; its log ends:\n"
                    + process.logTail());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
