package io.streamsuite.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code scripts/run-local.sh --cdc}: options that cannot work stop it in one line, before anything starts. */
class RunLocalCdcOptionsTest {

    private static final Path REPO = Path.of("..");

    @Test
    void cdcOptionsThatCannotWorkStopItInOneLine() throws Exception {
        assertRefused("run-local: --postgres-port and --connect-port take a port number, not 'pg'",
                "--cdc", "--postgres-port", "pg");
        assertRefused("run-local: --postgres-port and --connect-port take a port number, not '80 83'",
                "--cdc", "--connect-port", "80 83");
        assertRefused("run-local: --cdc writes the reference data as JSON: not with --format avro",
                "--cdc", "--format", "avro");
    }

    @Test
    void theHelpNamesTheCdcOptions() throws Exception {
        Process help = new ProcessBuilder("bash", "scripts/run-local.sh", "--help").directory(REPO.toFile())
                .redirectErrorStream(true).start();
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.exitValue()).isZero();
        assertThat(output).contains("  --cdc ", "  --postgres-port N ", "  --connect-port N ");
    }

    private static void assertRefused(String line, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/run-local.sh"));
        command.addAll(List.of(options));
        Process run = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("%s ends at once", command).isTrue();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(output).isEqualTo(2);
        assertThat(output).isEqualTo(line + "\n");
    }
}
