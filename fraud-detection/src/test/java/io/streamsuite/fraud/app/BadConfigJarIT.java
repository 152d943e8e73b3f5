package io.streamsuite.fraud.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A corpus of broken properties files, each given to the shipped jar as a user would: every one stops the app before
 * it touches Kafka, with exit code 2 and one line on stderr that names the key (or the file) and what is wrong.
 */
class BadConfigJarIT {

    /** Nothing listens there: an app that tried to reach Kafka would log connection attempts. */
    static final String NOWHERE = "bootstrap.servers=127.0.0.1:1";

    @TempDir
    Path dir;

    record Outcome(int exit, List<String> stderr, String stdout) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key            | fraud.velocity.max-cnt=3                | Unknown key 'fraud.velocity.max-cnt'
            negative duration      | fraud.grace=-5m                         | fraud.grace
            bad number             | topics.partitions=two                   | topics.partitions
            wrong serde format     | serde.format=xml                        | serde.format
            invalid topic name     | topic.fraud-alerts=alerts with spaces   | topic.fraud-alerts
            bad Kafka value        | num.stream.threads=several              | num.stream.threads
            avro without registry  | serde.format=avro                       | schema.registry.url
            unresolved secret      | ssl.truststore.password=${env:UNSET_X}  | ssl.truststore.password
            """)
    void aBrokenValueStopsTheAppInOneLineNamingTheKey(String what, String line, String named) throws Exception {
        Outcome outcome = run(write(NOWHERE, line));
        assertThat(outcome.exit()).as(what).isEqualTo(2);
        assertThat(outcome.stderr()).as(what).singleElement().asString().startsWith("fraud-detection: ").contains(named);
        assertThat(outcome.stdout()).as("%s: nothing touched Kafka", what).doesNotContain("NetworkClient").doesNotContain("AdminClient");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing bootstrap servers | topics.create=true | bootstrap.servers
            """)
    void aMissingRequiredKeyStopsTheAppInOneLine(String what, String line, String named) throws Exception {
        Outcome outcome = run(write(line));
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.stderr()).singleElement().asString().startsWith("fraud-detection: ").contains(named);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a file that does not exist | no-such.properties
            a directory                | .
            """)
    void anUnreadableFileStopsTheAppInOneLineNamingIt(String what, String name) throws Exception {
        Path file = dir.resolve(name);
        Outcome outcome = run(file);
        assertThat(outcome.exit()).as(what).isEqualTo(2);
        assertThat(outcome.stderr()).as(what).singleElement().asString().startsWith("fraud-detection: ")
                .contains(file.getFileName().toString());
    }

    Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "broken", ".properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    static Outcome run(Path config) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", FraudJarRecords.JAR.toString(), config.toString()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped by itself").isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(process.exitValue(), stderr.lines().toList(), stdout);
    }
}
