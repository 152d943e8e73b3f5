package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pod of an app's StatefulSet as a local process: the image's entrypoint and command ({@code java -jar app.jar
 * /etc/streams-suite/app.properties}) with the image's and the pod's environment, the ConfigMap's files, and each volume
 * a directory of its own. What a machine without Kubernetes cannot give is substituted, and only that:
 * <ul>
 *   <li>volumes: container paths in the command and the environment become the pod's directories here;</li>
 *   <li>the pod's network: it listens on its own loopback address ({@code http.host}) at a port free on every pod
 *       address, and cluster DNS is a hosts file mapping each pod's DNS name to its address;</li>
 *   <li>the memory limit: {@code -XX:MaxRAM} makes the JVM size itself as under the container's limit;</li>
 *   <li>whatever the caller overrides (the broker's address and security, replication for one broker).</li>
 * </ul>
 */
final class PodProcess {

    /** Where the Dockerfile copies the app's jar, which stands for the jar its module builds. */
    private static final String IMAGE_JAR = "/opt/streams-suite/app.jar";

    final PodTemplate.Pod pod;
    final URI base;
    private final Process process;
    private final Path log;
    private final int gracePeriodSeconds;

    private PodProcess(PodTemplate.Pod pod, URI base, Process process, Path log, int gracePeriodSeconds) {
        this.pod = pod;
        this.base = base;
        this.process = process;
        this.log = log;
        this.gracePeriodSeconds = gracePeriodSeconds;
    }

    /**
     * Starts the pod.
     *
     * @param podDirectory the pod's volumes, one subdirectory each; the same directory again is the same volumes, as a
     *                     StatefulSet gives a restarted or rescheduled pod its PersistentVolumeClaims back
     * @param httpPort     the port every pod listens on (a real pod has the container port to itself)
     * @param hostsFile    cluster DNS: every pod's DNS name to its address
     * @param secrets      values of the secrets the pod refers to, by {@code <name>/<key>}
     * @param overrides    environment variables set on top of the pod's own
     */
    static PodProcess start(KubernetesApp app, Dockerfile image, PodTemplate.Pod pod, Path podDirectory, int httpPort, Path hostsFile,
                            Map<String, String> secrets, Map<String, String> overrides, Path log) {
        try {
            Map<String, Path> mounts = mountVolumes(app, podDirectory);
            Map<String, String> env = new LinkedHashMap<>(new PodTemplate(image.environment(), app.container()).environment(pod, secrets));
            env.putAll(overrides);
            env.put("STREAMS_HTTP_HOST", pod.ip());
            env.put("STREAMS_HTTP_PORT", Integer.toString(httpPort));
            env.replaceAll((name, value) -> hostPath(value, mounts));

            List<String> command = new ArrayList<>();
            List<String> imageCommand = new ArrayList<>(image.execForm("ENTRYPOINT"));
            imageCommand.addAll(app.container().has("args") ? texts(app.container().get("args")) : image.execForm("CMD"));
            for (String argument : imageCommand) {
                if (argument.equals("java")) {
                    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                    command.add("-XX:MaxRAM=" + memoryLimitBytes(app.container()));
                    command.add("-Djdk.net.hosts.file=" + hostsFile);
                } else if (argument.equals(IMAGE_JAR)) {
                    command.add(Repo.jar(app.name).toString());
                } else {
                    command.add(hostPath(argument, mounts));
                }
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(podDirectory.toFile());
            // the pod's environment and nothing of the test's: no stray STREAMS_* from the machine running the build
            builder.environment().clear();
            builder.environment().putAll(env);
            int grace = Yaml.required(app.podSpec(), "/terminationGracePeriodSeconds").asInt();
            return new PodProcess(pod, URI.create("http://" + pod.ip() + ":" + httpPort), builder.start(), log, grace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The container's memory limit in bytes, from Kubernetes' quantity notation (Ki, Mi, Gi, k, M, G). */
    static long memoryLimitBytes(JsonNode container) {
        return Quantities.bytes(Yaml.text(container, "/resources/limits/memory"));
    }

    /** One directory per volume of the pod, filled as Kubernetes fills it; returns the container path of each mount. */
    private static Map<String, Path> mountVolumes(KubernetesApp app, Path podDirectory) throws IOException {
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        app.podSpec().path("volumes").forEach(volume -> volumes.put(Yaml.text(volume, "/name"), volume));
        List<String> claims = new ArrayList<>();
        app.statefulSet().at("/spec/volumeClaimTemplates").forEach(claim -> claims.add(Yaml.text(claim, "/metadata/name")));

        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode mount : app.container().path("volumeMounts")) {
            String name = Yaml.text(mount, "/name");
            Path directory = Files.createDirectories(podDirectory.resolve(name));
            JsonNode volume = volumes.get(name);
            if (volume == null && !claims.contains(name)) {
                throw new AssertionError("volumeMount " + name + " of " + app.name + " names no volume and no volumeClaimTemplate");
            }
            if (volume != null && volume.has("configMap")) {
                for (Map.Entry<String, Path> file : app.configMapFiles(Yaml.text(volume, "/configMap/name")).entrySet()) {
                    Files.copy(file.getValue(), directory.resolve(file.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } else if (volume != null && volume.has("secret")) {
                // the secrets' contents are not used against a broker without TLS; the files exist as in the pod
                for (JsonNode item : volume.at("/secret/items")) {
                    Files.writeString(directory.resolve(Yaml.text(item, "/path")), "");
                }
            }
            mounts.put(Yaml.text(mount, "/mountPath"), directory);
        }
        return mounts;
    }

    private static String hostPath(String value, Map<String, Path> mounts) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            String containerPath = mount.getKey();
            if (value.equals(containerPath) || value.startsWith(containerPath + "/")) {
                return mount.getValue() + value.substring(containerPath.length());
            }
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The HTTP status of a GET, or -1 while nothing answers. */
    int status(HttpClient http, String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * What the kubelet does to a pod that is deleted or scaled away: SIGTERM, then SIGKILL once the termination grace
     * period is over. Returns the exit code and how long the pod took to exit.
     */
    Termination terminate() {
        long start = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(gracePeriodSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Termination(-9, Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return new Termination(process.exitValue(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** How a pod ended: its exit code (-9 when the grace period ran out and it was killed) and how long it took. */
    record Termination(int exitCode, Duration took) {
    }

    /** Kills the process if it still runs, for clean-up after a failed test. */
    void destroy() {
        process.destroyForcibly();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hosts file that stands for cluster DNS: each pod's DNS name at its address, plus this machine's own names. */
    static Path hostsFile(Path file, Map<String, String> addressesByName) throws IOException {
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        hosts.append("127.0.0.1 ").append(java.net.InetAddress.getLocalHost().getHostName()).append('\n');
        addressesByName.forEach((name, address) -> hosts.append(address).append(' ').append(name).append('\n'));
        return Files.writeString(file, hosts.toString());
    }
}
