package io.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops the dashboard at start with one line and exit code 2; the shipped file lists every key. */
class DashboardConfigTest {

    static final Path SHIPPED = Path.of("..", "config", "dashboard.properties");

    @TempDir
    Path dir;

    String runWith(String... lines) throws IOException {
        Path file = dir.resolve("dashboard.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Dashboard.run(new String[] {file.toString()}, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message.lines()).hasSize(1);
        return message.strip();
    }

    @Test
    void anUnknownKeyABadUrlAndAMissingBrokerEachStopItInOneLine() throws IOException {
        assertThat(runWith("bootstrap.servers=localhost:9092", "dashboard.histroy=PT5M"))
                .startsWith("dashboard: Unknown key 'dashboard.histroy'").contains("did you mean dashboard.history?");
        assertThat(runWith("bootstrap.servers=localhost:9092", "dashboard.clickstream.url=ftp://host"))
                .contains("dashboard.clickstream.url").contains("an http:// or https:// URL");
        assertThat(runWith("http.port=7080")).contains("bootstrap.servers");
        assertThat(runWith("bootstrap.servers=localhost:9092", "topic.iot-readings=readings-a,readings-b"))
                .contains("the dashboard reads one topic per key");
        assertThat(runWith("bootstrap.servers=localhost:9092", "serde.format=avro"))
                .startsWith("dashboard: Missing required key schema.registry.url");
        assertThat(runWith("bootstrap.servers=localhost:9092", "serde.format=avro", "schema.registry.url=localhost:8081"))
                .contains("schema.registry.url").contains("http(s) URLs");
        assertThat(runWith("bootstrap.servers=localhost:9092", "serde.format=protobuf")).contains("serde.format");
    }

    @Test
    void theShippedFileListsEveryKeyWithItsDefault() throws IOException {
        String shipped = Files.readString(SHIPPED);
        for (Setting<?> setting : DashboardSettings.all()) {
            Matcher line = Pattern.compile("(?m)^#?" + Pattern.quote(setting.key()) + "=(.*)$").matcher(shipped);
            assertThat(line.find()).as("%s listed", setting.key()).isTrue();
            if (line.group(0).startsWith("#")) {
                assertThat(setting.parse(line.group(1))).as("commented default of %s", setting.key()).isEqualTo(setting.defaultValue());
            }
        }
    }
}
