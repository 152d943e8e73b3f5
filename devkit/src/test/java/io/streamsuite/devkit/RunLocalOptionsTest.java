package io.streamsuite.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code scripts/run-local.sh} refuses encoding options that do not fit together in one line, before starting anything. */
class RunLocalOptionsTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void encodingOptionsThatDoNotFitTogetherStopItInOneLine() throws Exception {
        assertRefused("run-local: --format must be json or avro, not 'xml'", "--format", "xml");
        assertRefused("run-local: --registry-port and --schema-registry-url go with --format avro only",
                "--registry-port", "9000");
        assertRefused("run-local: --registry-port and --schema-registry-url go with --format avro only",
                "--schema-registry-url", "http://localhost:8081");
        assertRefused("run-local: --registry-port takes a port number, not '80x'", "--format", "avro",
                "--registry-port", "80x");
        assertRefused("run-local: --registry-port starts a local registry, --schema-registry-url uses another: not both",
                "--format", "avro", "--registry-port", "8082", "--schema-registry-url", "http://localhost:8081");
        assertRefused("run-local: not --set serde.format: --format and --schema-registry-url set it for the apps and the"
                + " tools alike", "--format", "avro", "--set", "serde.format=json");
    }

    @Test
    void anUnknownRebalanceProtocolStopsItInOneLine() throws Exception {
        assertRefused("run-local: --group-protocol must be classic or streams, not 'consumer'", "--group-protocol", "consumer");
    }

    private static void assertRefused(String line, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/run-local.sh"));
        command.addAll(List.of(options));
        Process run = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("%s ends at once", command).isTrue();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.print(String.join(" ", options) + " -> exit " + run.exitValue() + ": " + output);
        assertThat(run.exitValue()).as(output).isEqualTo(2);
        assertThat(output).isEqualTo(line + "\n");
    }
}
