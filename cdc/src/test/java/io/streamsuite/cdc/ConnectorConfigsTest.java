package io.streamsuite.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The connector runs the same way wherever it is deployed: the Strimzi resources of {@code deploy/kubernetes/cdc} say
 * what the standalone files of {@code deploy/cdc} (which the integration test runs) say, and build the Debezium version
 * this module tests.
 */
class ConnectorConfigsTest {

    private static final Path KUBERNETES = Path.of("..", "deploy", "kubernetes", "cdc");
    /** Where the database is and who logs in: the only settings a deployment has of its own. */
    private static final Set<String> PER_DEPLOYMENT = Set.of(
            "database.hostname", "database.port", "database.user", "database.password");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theKafkaConnectorHasTheSettingsOfTheStandaloneFile() throws IOException {
        Map<String, String> standalone = ConnectWorker.shipped("reference-data-connector.properties");
        JsonNode spec = YAML.readTree(KUBERNETES.resolve("kafka-connector.yaml").toFile()).path("spec");

        assertThat(spec.path("class").asText()).isEqualTo(standalone.get("connector.class"));
        assertThat(spec.path("tasksMax").asText()).isEqualTo(standalone.get("tasks.max"));
        Map<String, String> kubernetes = new TreeMap<>();
        spec.path("config").fields().forEachRemaining(field -> kubernetes.put(field.getKey(), field.getValue().asText()));
        Map<String, String> expected = new TreeMap<>(standalone);
        expected.keySet().removeAll(Set.of("name", "connector.class", "tasks.max"));
        expected.keySet().removeAll(PER_DEPLOYMENT);
        kubernetes.keySet().removeAll(PER_DEPLOYMENT);
        assertThat(kubernetes).isEqualTo(expected);
    }

    @Test
    void theKafkaConnectBuildsTheTestedDebeziumVersion() throws IOException {
        JsonNode plugins = YAML.readTree(KUBERNETES.resolve("kafka-connect.yaml").toFile()).at("/spec/build/plugins");
        JsonNode artifact = plugins.path(0).path("artifacts").path(0);
        assertThat(artifact.path("artifact").asText()).isEqualTo("debezium-connector-postgres");
        assertThat(artifact.path("version").asText()).isEqualTo(io.debezium.connector.postgresql.Module.version());
    }

    @Test
    void theConnectorNamesTheTopicsTheAppsRead() throws IOException {
        Map<String, String> standalone = ConnectWorker.shipped("reference-data-connector.properties");
        assertThat(standalone.get("transforms.deviceTopic.replacement"))
                .isEqualTo(io.streamsuite.iot.app.IotMonitoringApp.DEVICES.name());
        assertThat(standalone.get("transforms.blocklistTopic.replacement"))
                .isEqualTo(io.streamsuite.fraud.app.FraudDetectionApp.BLOCKLIST.name());
    }
}
