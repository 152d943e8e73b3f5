package io.streamsuite.deploy;

import io.streamsuite.topologies.runtime.ConfiguredApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How the manifests configure an app's pods, resolved for tests that do not start them. */
final class Pods {

    static final String NAMESPACE = "streams";
    /** The key of the bearer token in the Secret {@code <app>-http-auth}, which the operator creates. */
    static final String HTTP_TOKEN_KEY = "token";

    private Pods() {
    }

    /** The file the image's command names, as the pods mount it from the app's ConfigMap. */
    static Path configFile(KubernetesApp app, Dockerfile image) {
        String commandFile = image.execForm("CMD").get(0);
        String mountedFrom = null;
        for (var mount : app.container().path("volumeMounts")) {
            String mountPath = Yaml.text(mount, "/mountPath");
            if (commandFile.startsWith(mountPath + "/")) {
                mountedFrom = Yaml.text(mount, "/name");
                String key = commandFile.substring(mountPath.length() + 1);
                for (var volume : app.podSpec().path("volumes")) {
                    if (mountedFrom.equals(volume.path("name").asText()) && volume.has("configMap")) {
                        Path file = app.configMapFiles(Yaml.text(volume, "/configMap/name")).get(key);
                        if (file == null) {
                            throw new AssertionError("the ConfigMap mounted at " + mountPath + " has no " + key);
                        }
                        return file;
                    }
                }
            }
        }
        throw new AssertionError(app.name + " mounts no ConfigMap at " + commandFile + " (mount " + mountedFrom + ")");
    }

    /** The environment of pod {@code ordinal}, secrets standing in with placeholder values. */
    static Map<String, String> environment(KubernetesApp app, Dockerfile image, int ordinal) {
        PodTemplate.Pod pod = new PodTemplate.Pod(Yaml.text(app.statefulSet(), "/metadata/name") + "-" + ordinal, NAMESPACE, "10.0.0." + (ordinal + 10));
        return new PodTemplate(image.environment(), app.container()).environment(pod, placeholderSecrets(app));
    }

    /** Every secret the container refers to, with a value that says what it stands for. */
    static Map<String, String> placeholderSecrets(KubernetesApp app) {
        Map<String, String> secrets = new java.util.TreeMap<>();
        for (var variable : app.container().path("env")) {
            var ref = variable.at("/valueFrom/secretKeyRef");
            if (ref.isObject()) {
                String name = Yaml.text(ref, "/name");
                String key = Yaml.text(ref, "/key");
                secrets.put(name + "/" + key, key.equals(HTTP_TOKEN_KEY) ? httpToken(app)
                        : "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                        + "\" password=\"written-by-strimzi\";");
            }
        }
        return secrets;
    }

    /** The value the tests give the app's bearer token: valid for {@code http.auth.token}, and found nowhere else. */
    static String httpToken(KubernetesApp app) {
        return "placeholder-http-token-" + app.name;
    }

    /** The app configured exactly as pod {@code ordinal} is: its ConfigMap's file, then its environment. */
    static ConfiguredApp configured(KubernetesApp app, Dockerfile image, int ordinal) {
        return ConfiguredApp.load(Repo.app(app.name), configFile(app, image), environment(app, image, ordinal), List.of());
    }
}
