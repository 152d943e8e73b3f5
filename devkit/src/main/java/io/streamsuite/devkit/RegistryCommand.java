package io.streamsuite.devkit;

import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code devkit registry}: the small Confluent-compatible schema registry of {@code schema-registry-lite} for the local
 * demo in Avro mode, until SIGTERM or Ctrl-C. Not for production: a real deployment uses Confluent Schema Registry,
 * Apicurio, Karapace or Redpanda.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs a small schema registry serving the Confluent REST API subset that Avro serializers use"
                + " (the apps, the generators, Confluent's own clients), on the loopback interface, until Ctrl-C or"
                + " SIGTERM. Schemas are kept in a journal in the data directory, so a restart gives every schema its"
                + " old id. For the local demo and tests only.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:the port is taken or the journal cannot be used"})
public final class RegistryCommand implements Callable<Integer> {

    static final String JOURNAL = "schemas.jsonl";

    @Option(names = "--port", defaultValue = "8081", description = "The port (default: ${DEFAULT-VALUE}, Confluent's)")
    int port;

    @Option(names = "--data-dir", defaultValue = ".local/schema-registry",
            description = "Where the registry keeps its schemas between runs (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--check", paramLabel = "URL[,URL...]",
            description = "Start nothing: check that a Confluent-compatible schema registry answers at URL, then exit"
                    + " (0 if it does, 2 with the reason if not)")
    String check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check != null) {
            // the same check, and the same one-line errors, as every command given --schema-registry-url
            EncodingOptions avro = new EncodingOptions();
            avro.format = "avro";
            avro.schemaRegistryUrl = check;
            avro.serdes(spec.commandLine());
            out.println("Schema registry answers at " + check.replaceAll("//[^/@]*@", "//"));
            return 0;
        }
        Path journal = dataDir.resolve(JOURNAL).toAbsolutePath();
        TestSchemaRegistry registry;
        try {
            registry = TestSchemaRegistry.persistent(port, journal);
        } catch (UncheckedIOException e) {
            err.println(e.getCause() instanceof BindException
                    ? "Port " + port + " is taken: is another schema registry running? (--port chooses another)"
                    : e.getMessage() + ": " + e.getCause());
            return 2;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            out.println("Schema registry stopped, schemas kept in " + journal);
            out.flush();
            stopped.countDown();
        }, "registry-shutdown"));
        out.println("Schema registry ready on " + registry.url() + ", " + registry.subjects().size()
                + " subjects, schemas in " + journal);
        out.flush();
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
