package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.TopicDef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfile, docker-compose.yml and Compose's Prometheus config against the apps: what cannot be built or run on a
 * machine without a container engine, checked by reading it.
 */
class ContainerFilesTest {

    static final Dockerfile IMAGE = Dockerfile.read(Repo.DOCKERFILE);
    static final JsonNode COMPOSE = Yaml.document(Repo.COMPOSE);

    @Test
    void everyYamlAndJsonFileOfTheDeploymentParses() throws java.io.IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> tree = java.nio.file.Files.walk(Repo.DEPLOY)) {
            files = tree.filter(path -> !path.startsWith(Repo.DEPLOY.resolve("target")) && !path.startsWith(Repo.DEPLOY.resolve("src")))
                    .filter(path -> path.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        assertThat(files).as("files under deploy/").hasSizeGreaterThan(25);
        for (Path file : files) {
            if (file.toString().endsWith(".json")) {
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).isObject()).as("%s", file).isTrue();
            } else {
                assertThat(Yaml.documents(file)).as("%s", file).isNotEmpty().allSatisfy(document -> assertThat(document.isObject()).isTrue());
            }
        }
        assertThat(Yaml.documents(Repo.COMPOSE)).hasSize(1);
    }

    @Test
    void imageRunsTheJarOnAJreAsANonRootUserWithItsStateOnAVolume() {
        assertThat(IMAGE.baseImage()).as("the final stage's base").contains("-jre");
        String user = IMAGE.last("USER").split(":")[0];
        assertThat(user).as("numeric, so that Kubernetes can check runAsNonRoot").matches("\\d+");
        assertThat(Integer.parseInt(user)).isNotZero();
        List<String> entrypoint = IMAGE.execForm("ENTRYPOINT");
        assertThat(entrypoint).startsWith("java", "-jar");
        String jarInImage = entrypoint.get(2);
        // COPY --from=build /src/${APP}/target/${APP}.jar <jarInImage>: the shaded jar of the app's module
        assertThat(IMAGE.all("COPY")).anySatisfy(copy -> {
            String[] parts = copy.replaceFirst("^--from=\\S+\\s+", "").split("\\s+");
            assertThat(parts[1]).isEqualTo(jarInImage);
            for (StreamsApp app : Repo.APPS) {
                String source = Dockerfile.substitute(parts[0], Map.of("APP", app.name()));
                assertThat(Repo.ROOT.resolve(source.replaceFirst("^/src/", ""))).isEqualTo(Repo.jar(app.name()));
            }
        });
        String stateDir = IMAGE.environment().get("STREAMS_STATE_DIR");
        assertThat(IMAGE.all("VOLUME")).containsExactly(stateDir);
        assertThat(IMAGE.all("EXPOSE")).containsExactly("${HTTP_PORT}");
        assertThat(IMAGE.environment().get("JDK_JAVA_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void imagesDefaultConfigurationFileIsEmptySoThatEnvironmentAloneConfiguresTheApp() {
        String configFile = IMAGE.execForm("CMD").get(0);
        String copied = IMAGE.all("COPY").stream().filter(copy -> copy.endsWith(" " + configFile)).findFirst().orElseThrow();
        Path file = Repo.ROOT.resolve(copied.split("\\s+")[0]);
        assertThat(KubernetesApp.properties(file)).as("keys in the image's default file").isEmpty();
        // with it, the environment alone starts an app: the image's STREAMS_STATE_DIR plus a broker
        Map<String, String> env = new TreeMap<>(IMAGE.environment());
        env.put(ConfigSources.environmentName("bootstrap.servers"), "kafka:9092");
        for (StreamsApp app : Repo.APPS) {
            ConfiguredApp configured = ConfiguredApp.load(app, file, env, List.of());
            assertThat(configured.streamsConfig().getString("state.dir")).isEqualTo(IMAGE.environment().get("STREAMS_STATE_DIR"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void composeBuildsRunsAndProbesEachAppOnItsPort(String appName) {
        StreamsApp app = Repo.app(appName);
        String port = app.defaults().get(CommonSettings.HTTP_PORT.key());
        JsonNode service = Yaml.required(COMPOSE, "/services/" + appName);
        assertThat(Yaml.text(service, "/build/args/APP")).isEqualTo(appName);
        assertThat(Yaml.text(service, "/build/args/HTTP_PORT")).isEqualTo(port);
        assertThat(Yaml.text(service, "/ports/0")).endsWith(":" + port);
        assertThat(Yaml.required(service, "/healthcheck/test").toString()).contains("/dev/tcp/127.0.0.1/" + port).contains("GET /health/ready ");
        String mount = Yaml.text(service, "/volumes/0");
        String[] parts = mount.split(":");
        assertThat(parts[1]).as("mounted where the image's command reads").isEqualTo(IMAGE.execForm("CMD").get(0));

        ConfiguredApp configured = ConfiguredApp.load(app, Repo.ROOT.resolve(parts[0]), composeEnvironment(service), List.of());
        assertThat(configured.unrecognizedKafkaKeys()).isEmpty();
        assertThat(configured.streamsConfig().getList("bootstrap.servers")).containsExactly("kafka:9092");
        assertThat(configured.config().get(CommonSettings.TOPICS_CREATE)).isFalse();

        long limit = Quantities.composeBytes(Yaml.text(service, "/deploy/resources/limits/memory"));
        double heap = KubernetesManifestsTest.heapPercent(IMAGE.environment().get("JDK_JAVA_OPTIONS")) / 100;
        assertThat((long) (limit * heap) + configured.config().get(CommonSettings.ROCKSDB_MEMORY_BUDGET) + KubernetesManifestsTest.JVM_OVERHEAD)
                .isLessThanOrEqualTo(limit);
        long grace = java.time.Duration.parse("PT" + Yaml.text(service, "/stop_grace_period").toUpperCase()).toSeconds();
        assertThat(grace).isGreaterThanOrEqualTo(configured.config().get(CommonSettings.SHUTDOWN_TIMEOUT).toSeconds() + 10);
        assertThat(Yaml.required(service, "/deploy/replicas").asInt()).isBetween(2, CommonSettings.TOPICS_PARTITIONS.defaultValue());
        assertThat(Yaml.text(service, "/depends_on/create-topics/condition")).isEqualTo("service_completed_successfully");
    }

    @Test
    void composeCreatesEveryTopicOfTheAppsWithItsCleanupPolicy() {
        Map<String, String> created = new TreeMap<>();
        for (String spec : Yaml.text(COMPOSE, "/services/create-topics/environment/TOPICS").trim().split("\\s+")) {
            String[] parts = spec.split(":");
            created.put(parts[0], parts.length > 2 ? parts[2] : "delete");
            assertThat(Integer.parseInt(parts[1])).isPositive();
        }
        Map<String, String> expected = new TreeMap<>();
        for (StreamsApp app : Repo.APPS) {
            ConfiguredApp configured = ConfiguredApp.of(app, Map.of("bootstrap.servers", "kafka:9092"));
            for (TopicDef topic : app.topics()) {
                configured.context().topicNames(topic).names().forEach(name -> expected.put(name, topic.compacted() ? "compact" : "delete"));
                if (topic.acceptsSeveralTopics()) {
                    String spec = Yaml.text(COMPOSE, "/services/create-topics/environment/TOPICS");
                    assertThat(spec).as("partitions of input %s", topic.name()).contains(topic.name() + ":" + CommonSettings.TOPICS_PARTITIONS.defaultValue() + " ");
                }
            }
            expected.put(configured.deadLetterTopic(), "delete");
        }
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void composeBrokerIsASingleKraftNodeThatExactlyOnceAppsCanUse() {
        JsonNode kafka = Yaml.required(COMPOSE, "/services/kafka");
        assertThat(Yaml.text(kafka, "/image")).startsWith("apache/kafka:4.4.");
        Map<String, String> server = new TreeMap<>();
        Yaml.required(kafka, "/environment").fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith("KAFKA_")) {
                // the apache/kafka image's rule: '_' is '.', '__' is '_', '___' is '-'
                String key = entry.getKey().substring("KAFKA_".length()).toLowerCase()
                        .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.').replace('\u0001', '-').replace('\u0002', '_');
                server.put(key, entry.getValue().asText());
            }
        });
        assertThat(server).containsEntry("process.roles", "broker,controller")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("auto.create.topics.enable", "false");
        assertThat(server.get("advertised.listeners")).contains("INTERNAL://kafka:9092");
        assertThat(Yaml.text(kafka, "/volumes/0")).endsWith(":" + server.get("log.dirs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void prometheusScrapesEveryReplicaOfEachAppOnItsPortAndPath(String appName) {
        JsonNode prometheus = Yaml.document(Repo.DEPLOY.resolve("prometheus/prometheus.yml"));
        JsonNode job = null;
        for (JsonNode candidate : Yaml.required(prometheus, "/scrape_configs")) {
            if (appName.equals(candidate.path("job_name").asText())) {
                job = candidate;
            }
        }
        assertThat(job).as("scrape job %s", appName).isNotNull();
        assertThat(Yaml.text(job, "/metrics_path")).isEqualTo("/metrics");
        assertThat(Yaml.text(job, "/dns_sd_configs/0/names/0")).as("the Compose service, one address per replica").isEqualTo(appName);
        assertThat(Yaml.text(job, "/dns_sd_configs/0/port")).isEqualTo(Repo.app(appName).defaults().get(CommonSettings.HTTP_PORT.key()));
        assertThat(COMPOSE.at("/services/" + appName).isObject()).isTrue();
        assertThat(Yaml.required(COMPOSE, "/services/prometheus/volumes").toString()).contains("./deploy/prometheus/prometheus.yml:");
    }

    @Test
    void plainPrometheusScrapeConfigKeepsTheSuitesPodsOnTheirHttpPort() {
        JsonNode job = Yaml.document(Repo.KUBERNETES.resolve("monitoring/prometheus-scrape-config.yml")).at("/scrape_configs/0");
        assertThat(Yaml.text(job, "/metrics_path")).isEqualTo("/metrics");
        String relabel = Yaml.required(job, "/relabel_configs").toString();
        assertThat(relabel).contains("__meta_kubernetes_pod_label_app_kubernetes_io_part_of").contains("\"regex\":\"streams-suite\"")
                .contains("__meta_kubernetes_pod_container_port_name").contains("\"regex\":\"http\"");
        for (StreamsApp app : Repo.APPS) {
            JsonNode labels = KubernetesApp.of(app.name()).statefulSet().at("/spec/template/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/part-of").asText()).isEqualTo("streams-suite");
        }
    }

    /**
     * The STREAMS_* variables a Compose service sets, if any, as Compose sets them when the shell sets none of the
     * variables they refer to: {@code ${VAR:-default}} is the default.
     */
    static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> env = new TreeMap<>(IMAGE.environment());
        service.path("environment").fields().forEachRemaining(entry -> env.put(entry.getKey(),
                entry.getValue().asText().replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
        return env;
    }
}
