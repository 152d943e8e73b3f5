package io.streamsuite.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka the benchmark runs against: devkit's single-node KRaft broker in a process of its own (so that its CPU is
 * not charged to anything measured), or a cluster given by its bootstrap servers.
 */
public final class Broker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final String bootstrapServers;
    private final JavaProcess process;

    private Broker(String bootstrapServers, JavaProcess process) {
        this.bootstrapServers = bootstrapServers;
        this.process = process;
    }

    /** A cluster that is already running. */
    public static Broker external(String bootstrapServers) {
        return new Broker(bootstrapServers, null);
    }

    /** Starts {@code devkit.jar broker} on a fresh data directory and waits until it answers. */
    public static Broker local(Path devkitJar, int port, Path dataDir, Path log, List<String> jvmOptions)
            throws InterruptedException {
        JavaProcess process = JavaProcess.start("broker", jvmOptions, List.of("-jar", devkitJar.toString(), "broker",
                "--port", Integer.toString(port), "--controller-port", Integer.toString(port + 1),
                "--data-dir", dataDir.toString()), log);
        Broker broker = new Broker("localhost:" + port, process);
        try {
            broker.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isLocal() {
        return process != null;
    }

    /** The local broker's process id. */
    public long pid() {
        return process.pid();
    }

    /** The local broker's CPU time so far; NaN for an external cluster, whose CPU this run cannot see. */
    public double cpuSeconds() {
        if (process == null) {
            return Double.NaN;
        }
        ProcessSample sample = process.sample();
        return sample == null ? Double.NaN : sample.cpuSeconds();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker ended at start; its log ends:\n" + process.logTail());
                }
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The broker did not answer on " + bootstrapServers + " within " + READY_TIMEOUT
                + "; its log ends:\n" + process.logTail());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
