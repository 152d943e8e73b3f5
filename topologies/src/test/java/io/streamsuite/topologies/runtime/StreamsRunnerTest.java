package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.sample.SampleApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.streamsuite.topologies.config.Setting;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way start-up can be refused, with its message and exit code; none of these reach Kafka. */
class StreamsRunnerTest {

    @TempDir
    Path dir;
    Path file;

    record Outcome(int code, String out, String err) {
        /** The error output is exactly one line. */
        String errorLine() {
            assertThat(err.lines().toList()).as("stderr lines").hasSize(1);
            return err.strip();
        }
    }

    @BeforeEach
    void writeValidFile() throws IOException {
        file = dir.resolve("sample.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9092\nsample.max-amount=500\n");
    }

    Outcome run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new StreamsRunner(new SampleApp(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Outcome run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void noArgumentsIsAUsageError() {
        Outcome outcome = run();
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: No properties file given; usage: " + CommandLine.USAGE);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Outcome outcome = run(file.toString(), "--verbose");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).startsWith("sample-app: Unknown option --verbose");
    }

    @Test
    void missingFile() {
        Outcome outcome = run(dir.resolve("missing.properties").toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Cannot read config file " + dir.resolve("missing.properties") + ": no such file");
    }

    @Test
    void unknownAppKey() throws IOException {
        Files.writeString(file, "sample.max-amout=5\n", java.nio.file.StandardOpenOption.APPEND);
        Outcome outcome = run(file.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Unknown key 'sample.max-amout' set by file"
                + " (did you mean sample.max-amount?): not a setting of this app; --help lists them");
    }

    @Test
    void unknownTopicKey() {
        Outcome outcome = run(file.toString(), "--set", "topic.sample-order=x");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).contains("Unknown key 'topic.sample-order' set by --set (did you mean topic.sample-orders?)");
    }

    @Test
    void badAppValue() {
        Outcome outcome = run(Map.of("STREAMS_SAMPLE_MAX__AMOUNT", "-1"), file.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Invalid value '-1' for sample.max-amount: expected a number >= 0.0");
    }

    @Test
    void badDuration() {
        Outcome outcome = run(file.toString(), "--set", "shutdown.timeout=30");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).startsWith("sample-app: Invalid value '30' for shutdown.timeout: expected a positive duration");
    }

    @Test
    void missingBootstrapServers() throws IOException {
        Files.writeString(file, "sample.max-amount=500\n");
        Outcome outcome = run(file.toString());
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Missing required key bootstrap.servers: set it in the properties file,"
                + " as STREAMS_BOOTSTRAP_SERVERS or with --set bootstrap.servers=...");
    }

    @Test
    void badKafkaValueIsCheckedByKafkasOwnDefinitions() {
        Outcome outcome = run(file.toString(), "--set", "num.stream.threads=two");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Invalid value two for configuration num.stream.threads: Not a number of type INT");
    }

    @Test
    void removedGuaranteeIsRefused() {
        Outcome outcome = run(file.toString(), "--set", "processing.guarantee=exactly_once");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).contains("expected one of exactly_once_v2, at_least_once");
    }

    @Test
    void secretsNeverAppearInTheErrorLine() {
        Outcome outcome = run(file.toString(), "--set", "ssl.key.password=hunter2", "--set", "sample.max-amount=oops");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.err()).doesNotContain("hunter2");
    }

    @Test
    void helpListsEverySettingWithoutNeedingAFile() {
        Outcome outcome = run("--help");
        assertThat(outcome.code()).isEqualTo(ExitCode.OK);
        for (var setting : ConfiguredApp.settingsOf(new SampleApp())) {
            assertThat(outcome.out()).contains(setting.key()).contains(setting.doc());
        }
        assertThat(outcome.out()).startsWith("Usage: java -jar sample-app.jar");
    }

    @Test
    void describePrintsTheTopologyWithConfiguredTopicNamesWithoutKafka() {
        Outcome outcome = run(Map.of("STREAMS_TOPIC_SAMPLE__TOTALS", "from-env"), file.toString(), "--describe",
                "--set", "topic.sample-orders=renamed-orders");
        assertThat(outcome.code()).isEqualTo(ExitCode.OK);
        assertThat(outcome.out()).contains("sample-orders-source", "renamed-orders", "from-env", SampleApp.STORE, "sample-by-customer");
    }

    @Test
    void setBeatsEnvironmentWhichBeatsTheFile() {
        Outcome outcome = run(Map.of("STREAMS_TOPIC_SAMPLE__TOTALS", "from-env"), file.toString(), "--describe",
                "--set", "topic.sample-totals=from-set");
        assertThat(outcome.out()).contains("from-set").doesNotContain("from-env");
    }

    @Test
    void aListOnAnOutputTopicIsAConfigError() {
        Outcome outcome = run(file.toString(), "--set", "topic.sample-totals=totals-a,totals-b");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Invalid value 'totals-a,totals-b' for topic.sample-totals:"
                + " expected one topic name of letters, digits, '.', '_' and '-' (a list or a pattern is allowed for input topics only)");
    }

    @Test
    void aDuplicateInAnInputListIsAConfigError() {
        Outcome outcome = run(file.toString(), "--set", "topic.sample-orders=orders-a, orders-a");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Invalid value 'orders-a, orders-a' for topic.sample-orders:"
                + " topic orders-a is listed twice");
    }

    @Test
    void anInputListTheAppCannotReadIsAConfigErrorBeforeKafka() {
        Outcome outcome = run(file.toString(), "--describe", "--set", "topic.sample-orders=orders-a,orders-b");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).startsWith("sample-app: topic.sample-orders=orders-a,orders-b is a list or a pattern");
    }

    @Test
    void unreachableKafkaIsAFatalStartupErrorNotAHang() {
        Outcome outcome = run(file.toString(), "--set", "bootstrap.servers=127.0.0.1:1", "--set", "topics.timeout=2s",
                "--set", "http.port=0");
        assertThat(outcome.code()).isEqualTo(ExitCode.FATAL);
        assertThat(outcome.errorLine()).startsWith("sample-app: Cannot reach Kafka to list topics within PT2S");
    }

    @Test
    void resetWithDescribeIsAUsageError() {
        Outcome outcome = run(file.toString(), "--reset", "--describe");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: --reset and --describe cannot be combined; usage: " + CommandLine.USAGE);
    }

    @Test
    void aResetThatCannotReachKafkaChangesNothingAndExitsWithOne() {
        Outcome outcome = run(file.toString(), "--reset", "--yes", "--set", "bootstrap.servers=127.0.0.1:1", "--set", "topics.timeout=2s");
        assertThat(outcome.code()).isEqualTo(ExitCode.FATAL);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Cannot reach Kafka to list groups within PT2S");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void aTakenHttpPortStopsTheAppWithOneLineBeforeKafka() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            // an unreachable Kafka would take topics.timeout and end with 1: exit 2 at once shows Kafka was never asked
            Outcome outcome = run(file.toString(), "--set", "http.port=" + port, "--set", "bootstrap.servers=127.0.0.1:1",
                    "--set", "topics.timeout=30s");
            assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
            assertThat(outcome.errorLine()).isEqualTo("sample-app: Cannot listen on 0.0.0.0:" + port + " (http.host, http.port):"
                    + " Address already in use; stop what uses the port, choose another http.port (0 picks a free one)"
                    + " or set http.enabled=false");
        }
    }

    @Test
    void aTypoInAnHttpKeyIsCaught() {
        Outcome outcome = run(file.toString(), "--set", "http.prot=8080");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Unknown key 'http.prot' set by --set (did you mean http.port?):"
                + " not a setting of this app; --help lists them");
    }

    @Test
    void anAdvertisedHostWithAPortIsRefused() {
        Outcome outcome = run(file.toString(), "--set", "http.advertised.host=app-1:7071");
        assertThat(outcome.code()).isEqualTo(ExitCode.CONFIG);
        assertThat(outcome.errorLine()).isEqualTo("sample-app: Invalid value 'app-1:7071' for http.advertised.host:"
                + " expected a host name or IP address without a port, or empty");
    }

    @Test
    void helpShowsTheAppsOwnDefaultWhereItHasOne() {
        SampleApp sample = new SampleApp();
        StreamsApp withPort = new StreamsApp() {
            public String name() {
                return sample.name();
            }

            public String configPrefix() {
                return sample.configPrefix();
            }

            public List<Setting<?>> settings() {
                return sample.settings();
            }

            public List<TopicDef> topics() {
                return sample.topics();
            }

            public Map<String, String> defaults() {
                return Map.of("http.port", "7099");
            }

            public Topology buildTopology(AppContext context) {
                return sample.buildTopology(context);
            }
        };
        String usage = new StreamsRunner(withPort, Map.of(), System.out, System.err).usage();
        assertThat(usage).containsPattern("http\\.port .*\\n +default: 7099\\n")
                .containsPattern("http\\.advertised\\.host .*\\n +default: \\(empty\\)\\n");
    }
}
