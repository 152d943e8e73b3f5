package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as a user runs it: {@code scripts/run-local.sh} starts the local Kafka, the three
 * app jars and the generators, and after a while stops the generators, prints the final summary and scores the
 * alerts against the generators' ground truth.
 */
class LocalSuiteIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theOneCommandRunsTheWholeSuiteAndFindsExactlyWhatWasInjected() throws Exception {
        Path data = Files.createTempDirectory("local-suite");
        int port = freePortPair();
        int dashboardPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            dashboardPort = socket.getLocalPort();
        }
        Path log = Path.of("target", "local-suite-it.log").toAbsolutePath();
        Process run = new ProcessBuilder("bash", "scripts/run-local.sh", "--for", "100s", "--every", "25s",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--seed", "7",
                "--dashboard-port", Integer.toString(dashboardPort),
                // sessions close 25 s after a user's last event instead of 31 minutes, so that some close in time
                "--set", "clickstream.sessions.inactivity-gap=20s", "--set", "clickstream.sessions.grace=5s")
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = run.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(finished).as("finished within 6 minutes; output:%n%s", output).isTrue();
        assertThat(run.exitValue()).as(output).isZero();

        assertThat(output).contains("ready on localhost:" + port)
                .contains("fraud-detection running", "clickstream running", "iot-monitoring running")
                .contains("Dashboard: http://localhost:" + dashboardPort + "/")
                .contains("dashboard: http://localhost:" + dashboardPort + "/");
        // the last summary: its first line is the intake, indented under the time
        String finalSummary = output.substring(output.lastIndexOf("\n  in "), output.lastIndexOf("domain "));
        assertThat(finalSummary).as(output)
                .doesNotContain("fraud   0 alerts")
                .doesNotContain("clicks  0 sessions")
                .doesNotContain("iot     0 window stats")
                .contains("dead letters: 0");
        assertThat(output).as(output).contains("Every injected case was found, and nothing else.");
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(data.toString())))
                .as("no process of the run is left").isEmpty();
    }

    /** A free port whose successor (the local Kafka's controller port) is free too. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another pair
            }
        }
        throw new IOException("no two consecutive free ports found");
    }
}
