package io.streamsuite.devkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code devkit broker}: a single-node Kafka (KRaft, broker and controller in one process) for the local demo, until
 * SIGTERM or Ctrl-C.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka (KRaft, Kafka's own server classes) until Ctrl-C or SIGTERM."
                + " The data directory is formatted on the first run and kept: a restart has the same topics and records.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:Kafka failed to start", "2:a port is taken or an option is wrong"})
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "The clients' port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "The KRaft controller's port, internal (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--host", defaultValue = "localhost",
            description = "The address to listen on and advertise to clients (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--data-dir", defaultValue = ".local/kafka",
            description = "Where Kafka keeps its data between runs, relative to the working directory"
                    + " (default: ${DEFAULT-VALUE})")
    Path dataDir;

    private final PrintStream out;
    private final PrintStream err;

    public BrokerCommand() {
        this(System.out, System.err);
    }

    BrokerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LocalKafka kafka;
        try {
            kafka = new LocalKafka(host, port, controllerPort, dataDir);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            kafka.close();
            out.println("Kafka stopped, data kept in " + kafka.dataDir());
            out.flush();
            stopped.countDown();
        }, "broker-shutdown");
        // registered before the start, so Ctrl-C during the start stops what has started so far
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            if (!removeHook(stopper)) {
                // Ctrl-C during the start: the hook stops what has started, no error to report
                awaitUninterruptibly(stopped);
                return 0;
            }
            err.println(e.getMessage());
            return e instanceof LocalKafka.PortInUseException || e instanceof LocalKafka.DataDirInUseException
                    || e instanceof IllegalArgumentException ? 2 : 1;
        }
        out.println("Kafka " + LocalKafka.KAFKA_VERSION + " (KRaft, single node) ready on " + kafka.bootstrapServers()
                + ", data in " + kafka.dataDir());
        out.flush();
        kafka.awaitShutdown();
        if (!removeHook(stopper)) {
            // the hook is stopping Kafka: the JVM exits once it is done; wait here rather than race it to System.exit
            awaitUninterruptibly(stopped);
            return 0;
        }
        err.println("Kafka stopped on its own; see the log above");
        return 1;
    }

    /** False when the JVM is already shutting down (the hook runs or has run). */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
