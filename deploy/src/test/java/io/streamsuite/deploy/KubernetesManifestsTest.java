package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.runtime.TopicDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes/&lt;app&gt; against the app's code: every file parses and is applied, the pods get the port, paths,
 * settings and identity the app needs, the topics are the app's topics, the ACLs cover exactly what its topology does,
 * and the autoscaler stays within the input's partitions.
 */
class KubernetesManifestsTest {

    static final Dockerfile IMAGE = Dockerfile.read(Repo.DOCKERFILE);
    /** JVM overhead beyond heap and RocksDB: metaspace, code cache, thread stacks, network buffers, allocator slack. */
    static final long JVM_OVERHEAD = 256L << 20;

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void everyFileOfTheDirectoryIsAppliedAndParses(String appName) throws IOException {
        KubernetesApp app = KubernetesApp.of(appName);
        Set<String> applied = new TreeSet<>();
        Yaml.required(app.kustomization, "/resources").forEach(file -> applied.add(file.asText()));
        app.kustomization.path("configMapGenerator").forEach(generator -> generator.path("files").forEach(file -> applied.add(file.asText())));
        applied.add("kustomization.yaml");
        try (Stream<Path> files = Files.list(app.directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).as("files of %s", app.directory).containsExactlyInAnyOrderElementsOf(applied);
        }
        assertThat(app.resources).allSatisfy(resource -> {
            assertThat(resource.path("apiVersion").asText()).isNotBlank();
            assertThat(resource.at("/metadata/name").asText()).isNotBlank();
        });
        JsonNode suite = Yaml.document(Repo.KUBERNETES.resolve("kustomization.yaml"));
        assertThat(suite.path("resources").toString()).contains("\"" + appName + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void podsListenOnTheAppsPortAndAreProbedOnItsHealthEndpoints(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        int port = Integer.parseInt(Repo.app(appName).defaults().get(CommonSettings.HTTP_PORT.key()));
        JsonNode container = app.container();
        assertThat(Yaml.required(container, "/ports/0/containerPort").asInt()).isEqualTo(port);
        assertThat(Yaml.text(container, "/ports/0/name")).isEqualTo("http");
        assertThat(Yaml.text(container, "/livenessProbe/httpGet/path")).isEqualTo("/health/live");
        assertThat(Yaml.text(container, "/readinessProbe/httpGet/path")).isEqualTo("/health/ready");
        // the probes on their own listener, which clients of the query port cannot starve
        assertThat(Yaml.text(container, "/ports/1/name")).isEqualTo("probes");
        assertThat(Yaml.required(container, "/ports/1/containerPort").asInt()).isEqualTo(port + 1000);
        assertThat(Yaml.text(container, "/livenessProbe/httpGet/port")).isEqualTo("probes");
        assertThat(Yaml.text(container, "/readinessProbe/httpGet/port")).isEqualTo("probes");
        // the configuration the pod runs with really serves on those ports
        assertThat(Pods.configured(app, IMAGE, 0).config().get(CommonSettings.HTTP_PORT)).isEqualTo(port);
        assertThat(Pods.configured(app, IMAGE, 0).config().get(CommonSettings.HTTP_PROBES_PORT)).contains(port + 1000);
        for (JsonNode service : app.all("Service")) {
            assertThat(Yaml.required(service, "/spec/ports/0/port").asInt()).as("port of %s", service.at("/metadata/name")).isEqualTo(port);
            assertThat(Yaml.text(service, "/spec/ports/0/targetPort")).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void servicesBudgetAndScalerSelectTheStatefulSetsPods(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        JsonNode statefulSet = app.statefulSet();
        JsonNode podLabels = Yaml.required(statefulSet, "/spec/template/metadata/labels");
        assertThat(matches(Yaml.required(statefulSet, "/spec/selector/matchLabels"), podLabels)).as("StatefulSet selector").isTrue();
        for (JsonNode service : app.all("Service")) {
            assertThat(matches(Yaml.required(service, "/spec/selector"), podLabels)).as("selector of %s", service.at("/metadata/name")).isTrue();
        }
        assertThat(matches(Yaml.required(app.one("PodDisruptionBudget"), "/spec/selector/matchLabels"), podLabels)).isTrue();
        JsonNode target = Yaml.required(app.one("ScaledObject"), "/spec/scaleTargetRef");
        assertThat(Yaml.text(target, "/kind")).isEqualTo("StatefulSet");
        assertThat(Yaml.text(target, "/name")).isEqualTo(Yaml.text(statefulSet, "/metadata/name"));
        // the PodMonitor scrapes these pods on their http port
        JsonNode podMonitor = Yaml.document(Repo.KUBERNETES.resolve("monitoring/pod-monitor.yaml"));
        assertThat(matches(Yaml.required(podMonitor, "/spec/selector/matchLabels"), podLabels)).as("PodMonitor selector").isTrue();
        assertThat(Yaml.text(podMonitor, "/spec/podMetricsEndpoints/0/port")).isEqualTo("http");
        assertThat(Yaml.text(podMonitor, "/spec/podMetricsEndpoints/0/path")).isEqualTo("/metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void eachPodAdvertisesItsOwnDnsNameJoinsAsAStaticMemberAndKeepsStateOnItsVolume(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        JsonNode statefulSet = app.statefulSet();
        String serviceName = Yaml.text(statefulSet, "/spec/serviceName");
        JsonNode headless = app.named("Service", serviceName);
        assertThat(Yaml.text(headless, "/spec/clusterIP")).isEqualTo("None");
        // a pod's DNS name must resolve while it starts, so that peers can already forward to it
        assertThat(Yaml.required(headless, "/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(Yaml.required(app.podSpec(), "/enableServiceLinks").asBoolean()).as("no injected *_SERVICE_* variables").isFalse();

        for (int ordinal : List.of(0, 2)) {
            String pod = appName + "-" + ordinal;
            Map<String, String> env = Pods.environment(app, IMAGE, ordinal);
            assertThat(env).containsEntry(ConfigSources.environmentName("http.advertised.host"), pod + "." + serviceName)
                    .containsEntry(ConfigSources.environmentName("group.instance.id"), pod);
            ConfiguredApp configured = Pods.configured(app, IMAGE, ordinal);
            assertThat(configured.config().get(CommonSettings.HTTP_ADVERTISED_HOST)).contains(pod + "." + serviceName);
            // Kafka Streams gives each stream thread's consumer <group.instance.id>-<thread>: a stable member per pod
            assertThat(configured.streamsConfig().getMainConsumerConfigs("group", "client", 1))
                    .containsEntry("group.instance.id", pod + "-1");
        }

        String stateDir = Pods.configured(app, IMAGE, 0).streamsConfig().getString(StreamsConfig.STATE_DIR_CONFIG);
        String claim = Yaml.text(statefulSet, "/spec/volumeClaimTemplates/0/metadata/name");
        assertThat(mountPath(app, claim)).as("the state dir is the per-pod volume").isEqualTo(stateDir);
        assertThat(IMAGE.environment()).containsEntry("STREAMS_STATE_DIR", stateDir);
        assertThat(IMAGE.all("VOLUME")).contains(stateDir);
        assertThat(Yaml.text(statefulSet, "/spec/podManagementPolicy")).isEqualTo("Parallel");
        assertThat(statefulSet.at("/spec/replicas").isMissingNode()).as("replicas are the ScaledObject's").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void podConfigurationIsValidForTheAppAndNamesNoUnknownKey(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        ConfiguredApp configured = Pods.configured(app, IMAGE, 1);
        assertThat(configured.unrecognizedKafkaKeys()).as("keys no Kafka client knows (typos)").isEmpty();
        assertThat(configured.config().get(CommonSettings.TOPICS_CREATE)).as("topics come from KafkaTopic resources").isFalse();
        assertThat(configured.config().get(CommonSettings.PROCESSING_GUARANTEE)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(configured.streamsConfig().getString("security.protocol")).isEqualTo("SASL_SSL");
        // every STREAMS_* the pod sets reaches the app as the key it means (unknown app keys would have been refused,
        // unknown Kafka keys are caught above)
        Map<String, String> env = Pods.environment(app, IMAGE, 1);
        assertThat(env.keySet().stream().filter(name -> name.startsWith(ConfigSources.ENV_PREFIX))).isNotEmpty()
                .allSatisfy(name -> assertThat(configured.config().raw(ConfigSources.keyOf(name))).as(name).isEqualTo(env.get(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void theImageReadsItsConfigurationFromTheConfigMapAndTheKafkaSecretsOfTheCluster(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        // the image's command names a file in the directory where the ConfigMap is mounted
        assertThat(Pods.configFile(app, IMAGE).getFileName()).hasToString("app.properties");
        JsonNode user = app.named("KafkaUser", appName);
        String cluster = Yaml.text(user, "/metadata/labels/strimzi.io~1cluster");
        ConfiguredApp configured = Pods.configured(app, IMAGE, 0);
        assertThat(configured.streamsConfig().getList("bootstrap.servers")).containsExactly(cluster + "-kafka-bootstrap:9093");
        // the user's secret (written by Strimzi under the KafkaUser's name) and the cluster CA
        assertThat(Pods.placeholderSecrets(app)).containsOnlyKeys(appName + "/sasl.jaas.config", appName + "-http-auth/token");
        JsonNode caVolume = volume(app, "kafka-ca");
        assertThat(Yaml.text(caVolume, "/secret/secretName")).isEqualTo(cluster + "-cluster-ca-cert");
        assertThat(mountPath(app, "kafka-ca") + "/" + Yaml.text(caVolume, "/secret/items/0/path"))
                .isEqualTo(configured.streamsConfig().originals().get("ssl.truststore.location"));
        for (JsonNode resource : app.resources) {
            if (resource.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                assertThat(Yaml.text(resource, "/metadata/labels/strimzi.io~1cluster")).isEqualTo(cluster);
                assertThat(resource.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void queriesNeedTheBearerTokenFromTheAppsSecretWhichNoFileOrLogShows(String appName) throws IOException {
        KubernetesApp app = KubernetesApp.of(appName);
        String token = Pods.httpToken(app);
        for (int ordinal : List.of(0, 2)) {
            // every pod the same token: each one sends it to the peer it forwards a query to
            ConfiguredApp configured = Pods.configured(app, IMAGE, ordinal);
            assertThat(configured.config().get(CommonSettings.HTTP_AUTH_TOKEN)).as("pod %d", ordinal).contains(token);
            assertThat(String.join("\n", configured.config().describe())).doesNotContain(token);
            assertThat(configured.streamsProperties()).doesNotContainKey(CommonSettings.HTTP_AUTH_TOKEN.key());
        }
        JsonNode variable = null;
        for (JsonNode env : app.container().path("env")) {
            if (ConfigSources.environmentName(CommonSettings.HTTP_AUTH_TOKEN.key()).equals(env.path("name").asText())) {
                variable = env;
            }
        }
        assertThat(variable).as("the token's variable").isNotNull();
        assertThat(Yaml.text(variable, "/valueFrom/secretKeyRef/name")).isEqualTo(appName + "-http-auth");
        assertThat(Yaml.text(variable, "/valueFrom/secretKeyRef/key")).isEqualTo(Pods.HTTP_TOKEN_KEY);
        // never in the ConfigMap, which anyone who may read the namespace's ConfigMaps reads
        assertThat(Files.readString(Pods.configFile(app, IMAGE))).doesNotContain("http.auth.token=");
        // Prometheus scrapes without a token: /metrics must stay open
        JsonNode podMonitor = Yaml.document(Repo.KUBERNETES.resolve("monitoring/pod-monitor.yaml"));
        assertThat(podMonitor.at("/spec/podMetricsEndpoints/0/authorization").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void theQueryPortAdmitsOnlyPeersPrometheusAndLabelledClientsAndTheProbePortTheKubelet(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        JsonNode policy = app.one("NetworkPolicy");
        JsonNode podLabels = Yaml.required(app.statefulSet(), "/spec/template/metadata/labels");
        assertThat(matches(Yaml.required(policy, "/spec/podSelector/matchLabels"), podLabels)).as("applies to the app's pods").isTrue();
        assertThat(Yaml.required(policy, "/spec/policyTypes").toString()).contains("\"Ingress\"");
        Set<String> containerPorts = new TreeSet<>();
        app.container().path("ports").forEach(port -> containerPorts.add(port.path("name").asText()));

        Map<String, List<JsonNode>> sourcesByPort = new TreeMap<>();
        for (JsonNode rule : Yaml.required(policy, "/spec/ingress")) {
            for (JsonNode port : Yaml.required(rule, "/ports")) {
                String name = Yaml.text(port, "/port");
                assertThat(containerPorts).as("ports named by the policy").contains(name);
                List<JsonNode> sources = sourcesByPort.computeIfAbsent(name, n -> new ArrayList<>());
                if (rule.has("from")) {
                    rule.get("from").forEach(sources::add);
                } else {
                    sources.add(null); // no "from": every source
                }
            }
        }
        assertThat(sourcesByPort).containsOnlyKeys("http", "probes");
        // the kubelet's address depends on the network plugin: the probe port (only /health/*) is open to every source
        assertThat(sourcesByPort.get("probes")).containsNull();
        List<JsonNode> http = sourcesByPort.get("http");
        assertThat(http).as("the query port is never open to every source").doesNotContainNull()
                .allSatisfy(source -> assertThat(source.has("ipBlock")).as("no address ranges").isFalse());
        // peers forward queries to the pod that holds the data
        assertThat(http).anySatisfy(source -> assertThat(source.has("namespaceSelector")).isFalse())
                .anySatisfy(source -> assertThat(matches(source.at("/podSelector/matchLabels"), podLabels)).isTrue());
        // Prometheus in the monitoring namespace scrapes /metrics on this port (the PodMonitor's port)
        JsonNode podMonitor = Yaml.document(Repo.KUBERNETES.resolve("monitoring/pod-monitor.yaml"));
        assertThat(Yaml.text(podMonitor, "/spec/podMetricsEndpoints/0/port")).isEqualTo("http");
        assertThat(http).anySatisfy(source -> assertThat(source.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                .asText()).isEqualTo("monitoring"));
        // every other source is narrowed to pods labelled as clients of the queries, in this namespace
        assertThat(http).allSatisfy(source -> assertThat(source.has("namespaceSelector")
                || matches(source.at("/podSelector/matchLabels"), podLabels)
                || source.at("/podSelector/matchLabels/streams-suite~1http-client").asText().equals("true")).as(source.toString()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void memoryLimitHoldsHeapRocksDbBudgetAndOverheadAndGraceOutlastsTheClose(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        JsonNode resources = Yaml.required(app.container(), "/resources");
        long limit = Quantities.bytes(Yaml.text(resources, "/limits/memory"));
        assertThat(Quantities.bytes(Yaml.text(resources, "/requests/memory"))).as("request = limit").isEqualTo(limit);
        ConfiguredApp configured = Pods.configured(app, IMAGE, 0);
        long budget = configured.config().get(CommonSettings.ROCKSDB_MEMORY_BUDGET);
        double heapShare = heapPercent(Pods.environment(app, IMAGE, 0).get("JDK_JAVA_OPTIONS")) / 100;
        assertThat((long) (limit * heapShare) + budget + JVM_OVERHEAD).as("heap + RocksDB budget + JVM overhead within the limit")
                .isLessThanOrEqualTo(limit);

        long grace = Yaml.required(app.podSpec(), "/terminationGracePeriodSeconds").asLong();
        assertThat(grace).as("grace period beyond shutdown.timeout plus 10 s for the JVM to exit")
                .isGreaterThanOrEqualTo(configured.config().get(CommonSettings.SHUTDOWN_TIMEOUT).toSeconds() + 10);
        assertThat(Yaml.required(app.container(), "/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(mountPath(app, "tmp")).as("RocksDB's native library is unpacked in /tmp").isEqualTo("/tmp");
        assertThat(Yaml.required(app.podSpec(), "/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void kafkaTopicsAreExactlyTheAppsTopicsWithTheRightCleanupPolicy(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        ConfiguredApp configured = Pods.configured(app, IMAGE, 0);
        Map<String, Boolean> expected = new TreeMap<>();
        for (TopicDef topic : configured.app().topics()) {
            configured.context().topicNames(topic).names().forEach(name -> expected.put(name, topic.compacted()));
        }
        expected.put(configured.deadLetterTopic(), false);
        Map<String, Boolean> declared = new TreeMap<>();
        for (JsonNode topic : app.all("KafkaTopic")) {
            String name = topic.at("/spec/topicName").asText(Yaml.text(topic, "/metadata/name"));
            declared.put(name, "compact".equals(topic.at("/spec/config/cleanup.policy").asText()));
            assertThat(Yaml.required(topic, "/spec/replicas").asInt()).as("replicas of %s", name).isEqualTo(3);
            assertThat(Yaml.required(topic, "/spec/config/min.insync.replicas").asInt()).as("min ISR of %s", name).isEqualTo(2);
        }
        assertThat(declared).as("topic -> compacted").isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void autoscalingFollowsTheInputsLagAndNeverExceedsItsPartitions(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        ConfiguredApp configured = Pods.configured(app, IMAGE, 0);
        StreamsApp streamsApp = configured.app();
        TopicDef input = streamsApp.topics().stream().filter(TopicDef::acceptsSeveralTopics).findFirst().orElseThrow();
        String inputTopic = configured.context().topicName(input);
        JsonNode scaledObject = app.one("ScaledObject");
        JsonNode trigger = Yaml.required(scaledObject, "/spec/triggers/0");
        assertThat(Yaml.text(trigger, "/type")).isEqualTo("kafka");
        assertThat(Yaml.text(trigger, "/metadata/consumerGroup")).isEqualTo(configured.context().applicationId());
        assertThat(Yaml.text(trigger, "/metadata/topic")).isEqualTo(inputTopic);
        assertThat(Yaml.text(trigger, "/metadata/allowIdleConsumers")).isEqualTo("false");
        assertThat(List.of(Yaml.text(trigger, "/metadata/bootstrapServers"))).isEqualTo(configured.streamsConfig().getList("bootstrap.servers"));

        int partitions = Yaml.required(app.named("KafkaTopic", inputTopic), "/spec/partitions").asInt();
        int max = Yaml.required(scaledObject, "/spec/maxReplicaCount").asInt();
        int min = Yaml.required(scaledObject, "/spec/minReplicaCount").asInt();
        assertThat(max).as("more pods than input partitions would idle").isLessThanOrEqualTo(partitions);
        assertThat(partitions).as("the default topics.partitions, which the README promises").isEqualTo(CommonSettings.TOPICS_PARTITIONS.defaultValue());
        int maxUnavailable = Yaml.required(app.one("PodDisruptionBudget"), "/spec/maxUnavailable").asInt();
        assertThat(min).as("a drain leaves a pod working").isGreaterThan(maxUnavailable).isLessThanOrEqualTo(max);

        // KEDA's credentials: its own KafkaUser, which may only describe the input and the group
        JsonNode auth = app.named("TriggerAuthentication", Yaml.text(trigger, "/authenticationRef/name"));
        Map<String, String> refs = new TreeMap<>();
        Yaml.required(auth, "/spec/secretTargetRef").forEach(ref -> refs.put(Yaml.text(ref, "/parameter"), Yaml.text(ref, "/name") + "/" + Yaml.text(ref, "/key")));
        String kedaUser = refs.get("password").split("/")[0];
        assertThat(refs).containsEntry("password", kedaUser + "/password");
        assertThat(app.generatedSecret(refs.get("username").split("/")[0])).containsEntry("username", kedaUser);
        Acl keda = Acl.of(app.named("KafkaUser", kedaUser));
        assertThat(keda.allows(new Acl.Access("topic", inputTopic, "Describe", "lag"))).isTrue();
        assertThat(keda.allows(new Acl.Access("group", configured.context().applicationId(), "Describe", "offsets"))).isTrue();
        assertThat(keda.rules).allSatisfy(rule -> assertThat(rule.operations()).containsExactly("Describe"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fraud-detection", "clickstream", "iot-monitoring"})
    void aclsCoverEveryTopicGroupAndTransactionalIdOfTheTopologyAndNothingElse(String appName) {
        KubernetesApp app = KubernetesApp.of(appName);
        ConfiguredApp configured = Pods.configured(app, IMAGE, 0);
        AppAccesses accesses = new AppAccesses(configured);
        Acl acl = Acl.of(app.named("KafkaUser", appName));
        assertThat(accesses.inputTopics).isNotEmpty();
        assertThat(accesses.changelogTopics).isNotEmpty();

        List<Acl.Access> needed = accesses.needed();
        assertThat(needed).as("accesses the ACLs of %s must allow", appName).allSatisfy(access -> assertThat(acl.allows(access)).as(access.toString()).isTrue());

        // least privilege: every operation of every rule is needed by something the app does
        List<String> unused = new ArrayList<>();
        for (Acl.Rule rule : acl.rules) {
            for (String operation : rule.operations()) {
                boolean used = needed.stream().anyMatch(access -> rule.matches(access.resourceType(), access.name())
                        && Acl.implies(operation, access.operation()) && operation.equalsIgnoreCase(access.operation()));
                if (!used) {
                    unused.add(operation + " of " + rule);
                }
            }
            assertThat(rule.name()).as("no wildcard").isNotEqualTo("*");
            assertThat(rule.resourceType()).as("no cluster-wide rights: idempotence comes with Write on a topic").isNotEqualTo("cluster");
        }
        assertThat(unused).as("rights nothing needs").isEmpty();
        accesses.inputTopics.forEach(topic -> assertThat(acl.allows(new Acl.Access("topic", topic, "Write", "-"))).as("may write input %s", topic).isFalse());
        accesses.outputTopics.forEach(topic -> assertThat(acl.allows(new Acl.Access("topic", topic, "Read", "-"))).as("may read output %s", topic).isFalse());
        // the internal-topic prefix must not reach the contract topics: an app id that prefixes its own topic names
        // (clickstream, clickstream-events) would otherwise let the app delete its input
        Set<String> contractTopics = new TreeSet<>(accesses.inputTopics);
        contractTopics.addAll(accesses.globalTopics);
        contractTopics.addAll(accesses.outputTopics);
        contractTopics.add(accesses.deadLetterTopic);
        contractTopics.forEach(topic -> assertThat(acl.allows(new Acl.Access("topic", topic, "Delete", "-"))).as("may delete %s", topic).isFalse());
        // another app's internal topics, which share no prefix with this one's
        Repo.APPS.stream().filter(other -> !other.name().equals(appName)).forEach(other ->
                assertThat(acl.allows(new Acl.Access("topic", other.name() + "-x-changelog", "Read", "-"))).isFalse());
    }

    static boolean matches(JsonNode selector, JsonNode labels) {
        List<String> mismatches = new ArrayList<>();
        selector.fields().forEachRemaining(entry -> {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                mismatches.add(entry.getKey());
            }
        });
        return selector.size() > 0 && mismatches.isEmpty();
    }

    static String mountPath(KubernetesApp app, String volumeName) {
        for (JsonNode mount : app.container().path("volumeMounts")) {
            if (volumeName.equals(mount.path("name").asText())) {
                return Yaml.text(mount, "/mountPath");
            }
        }
        throw new AssertionError(app.name + " mounts no volume " + volumeName);
    }

    static JsonNode volume(KubernetesApp app, String name) {
        for (JsonNode volume : app.podSpec().path("volumes")) {
            if (name.equals(volume.path("name").asText())) {
                return volume;
            }
        }
        throw new AssertionError(app.name + " has no volume " + name);
    }

    /** {@code -XX:MaxRAMPercentage=40} in the JVM options: the heap's share of the container's memory, in percent. */
    static double heapPercent(String jvmOptions) {
        assertThat(jvmOptions).as("JVM options").isNotNull();
        for (String option : jvmOptions.split("\\s+")) {
            if (option.startsWith("-XX:MaxRAMPercentage=")) {
                return Double.parseDouble(option.substring("-XX:MaxRAMPercentage=".length()));
            }
            assertThat(option).as("a fixed heap would ignore the container's limit").doesNotStartWith("-Xmx");
        }
        throw new AssertionError("no -XX:MaxRAMPercentage in " + jvmOptions + ": the JVM would take 25% of the limit, by accident");
    }
}
