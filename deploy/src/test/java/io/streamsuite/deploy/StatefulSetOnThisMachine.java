package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An app's StatefulSet played on this machine against an embedded broker: pods as {@link PodProcess}es, pod {@code i} at
 * loopback address {@code 127.0.0.(11+i)} under its DNS name {@code <statefulset>-<i>.<serviceName>}, its volumes kept in
 * {@code target/pods/<statefulset>-<random>/<pod>} across restarts, its topics created from the app's KafkaTopic resources.
 */
final class StatefulSetOnThisMachine implements AutoCloseable {

    static final int MAX_PODS = 6;

    final KubernetesApp app;
    final String name;
    final String serviceName;
    final int httpPort;
    private final Dockerfile image = Dockerfile.read(Repo.DOCKERFILE);
    private final Path directory;
    private final Path hostsFile;
    private final Map<String, String> overrides;
    private final Map<Integer, PodProcess> running = new TreeMap<>();
    private final Map<Integer, Integer> starts = new TreeMap<>();

    /**
     * @param extraOverrides settings for this run on top of those every run on one embedded broker needs
     */
    StatefulSetOnThisMachine(String appName, EmbeddedKafka kafka, Map<String, String> extraOverrides) {
        this.app = KubernetesApp.of(appName);
        this.name = Yaml.text(app.statefulSet(), "/metadata/name");
        this.serviceName = Yaml.text(app.statefulSet(), "/spec/serviceName");
        try {
            // a directory of its own: the integration tests run two at a time, and may run the same StatefulSet
            this.directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "pods")), name + "-")
                    .toAbsolutePath();
            Map<String, String> dns = new LinkedHashMap<>();
            for (int ordinal = 0; ordinal < MAX_PODS; ordinal++) {
                dns.put(dnsName(ordinal), address(ordinal));
            }
            this.hostsFile = PodProcess.hostsFile(directory.resolve(name + "-hosts"), dns);
            this.httpPort = portFreeOnEveryPodAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        // the embedded broker: no TLS, no SCRAM, one replica
        all.put(ConfigSources.environmentName("bootstrap.servers"), kafka.bootstrapServers());
        all.put(ConfigSources.environmentName("security.protocol"), "PLAINTEXT");
        all.put(ConfigSources.environmentName("replication.factor"), "1");
        all.put(ConfigSources.environmentName("topic.min.insync.replicas"), "1");
        all.putAll(extraOverrides);
        this.overrides = Map.copyOf(all);
        createTopics(kafka);
    }

    /** Every KafkaTopic of the app, with its partitions and config, on one broker. */
    private void createTopics(EmbeddedKafka kafka) {
        for (JsonNode topic : app.all("KafkaTopic")) {
            Map<String, String> config = new TreeMap<>();
            topic.at("/spec/config").fields().forEachRemaining(entry -> config.put(entry.getKey(), entry.getValue().asText()));
            config.put("min.insync.replicas", "1");
            kafka.createTopic(topic.at("/spec/topicName").asText(Yaml.text(topic, "/metadata/name")),
                    Yaml.required(topic, "/spec/partitions").asInt(), config);
        }
    }

    String podName(int ordinal) {
        return name + "-" + ordinal;
    }

    String dnsName(int ordinal) {
        return podName(ordinal) + "." + serviceName;
    }

    static String address(int ordinal) {
        return "127.0.0." + (11 + ordinal);
    }

    /** What the pod announces as application.server, and so what X-Streams-Served-By names. */
    String applicationServer(int ordinal) {
        return dnsName(ordinal) + ":" + httpPort;
    }

    PodProcess start(int ordinal) {
        if (running.containsKey(ordinal)) {
            throw new IllegalStateException(podName(ordinal) + " runs already");
        }
        int start = starts.merge(ordinal, 1, Integer::sum);
        String pod = podName(ordinal);
        try {
            Path volumes = Files.createDirectories(directory.resolve(pod));
            PodProcess process = PodProcess.start(app, image, new PodTemplate.Pod(pod, Pods.NAMESPACE, address(ordinal)), volumes, httpPort,
                    hostsFile, Pods.placeholderSecrets(app), overrides, directory.resolve(pod + "-start" + start + ".log"));
            running.put(ordinal, process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PodProcess pod(int ordinal) {
        PodProcess pod = running.get(ordinal);
        if (pod == null) {
            throw new IllegalStateException(podName(ordinal) + " does not run");
        }
        return pod;
    }

    Map<Integer, PodProcess> running() {
        return Map.copyOf(running);
    }

    /** Deletes the pod as a scale-down does: SIGTERM, SIGKILL after the grace period; its volume stays. */
    PodProcess.Termination terminate(int ordinal) {
        PodProcess pod = running.remove(ordinal);
        if (pod == null) {
            throw new IllegalStateException(podName(ordinal) + " does not run");
        }
        return pod.terminate();
    }

    @Override
    public void close() {
        running.values().forEach(PodProcess::destroy);
        running.clear();
    }

    private static int portFreeOnEveryPodAddress() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address(0)))) {
                candidate = probe.getLocalPort();
            }
            if (freeOnAll(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port free on every pod address");
    }

    private static boolean freeOnAll(int port) {
        for (int ordinal = 0; ordinal < MAX_PODS; ordinal++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(address(ordinal)), port));
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
