package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code devkit registry}: its check of a registry URL, and the ways it refuses to start, each in one line. */
class RegistryCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theCheckPassesForARegistryAndNamesWhatIsWrongOtherwise() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            assertThat(run("registry", "--check", registry.url())).isZero();
            assertThat(out.toString()).isEqualTo("Schema registry answers at " + registry.url() + "\n");

            // with credentials in the URL they go to the registry, not to the output
            assertThat(run("registry", "--check", "http://demo:secret@127.0.0.1:" + registry.port())).isZero();
            assertThat(out.toString()).doesNotContain("secret");

            assertThat(run("registry", "--check", registry.url() + "/not-the-base-url")).isEqualTo(2);
            assertThat(run("registry", "--check", "http://127.0.0.1:" + closedPort)).isEqualTo(2);
            assertThat(run("registry", "--check", "127.0.0.1:" + closedPort)).isEqualTo(2);
        }
        System.out.print(err);
        assertThat(err.toString().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("devkit registry: "));
        assertThat(err.toString().lines().toList().get(0)).contains("Not a Confluent-compatible schema registry").contains("HTTP 404");
        assertThat(err.toString().lines().toList().get(1)).contains("Schema registry unreachable").contains("connection refused");
        assertThat(err.toString().lines().toList().get(2)).contains("Invalid --schema-registry-url '127.0.0.1:" + closedPort);
    }

    @Test
    void aTakenPortOrAJournalItDidNotWriteStopsItAtOnce() throws IOException {
        try (TestSchemaRegistry running = TestSchemaRegistry.start()) {
            assertThat(run("registry", "--port", String.valueOf(running.port()), "--data-dir", dir.toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).isEqualTo("Port " + running.port()
                    + " is taken: is another schema registry running? (--port chooses another)\n");
        }
        Files.writeString(dir.resolve(RegistryCommand.JOURNAL), "not json\n");
        err.getBuffer().setLength(0);

        assertThat(run("registry", "--port", "0", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("Line 1 of the schema registry's journal").hasLineCount(1);
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        CommandLine command = Devkit.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
