package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One app's directory under {@code deploy/kubernetes}: the resources its kustomization applies, and the properties file
 * its configMapGenerator turns into the pods' ConfigMap.
 */
final class KubernetesApp {

    final String name;
    final Path directory;
    final JsonNode kustomization;
    final List<JsonNode> resources;

    private KubernetesApp(String name, Path directory, JsonNode kustomization, List<JsonNode> resources) {
        this.name = name;
        this.directory = directory;
        this.kustomization = kustomization;
        this.resources = resources;
    }

    static KubernetesApp of(String appName) {
        Path directory = Repo.KUBERNETES.resolve(appName);
        JsonNode kustomization = Yaml.document(directory.resolve("kustomization.yaml"));
        List<JsonNode> resources = new ArrayList<>();
        Yaml.required(kustomization, "/resources").forEach(file -> resources.addAll(Yaml.documents(directory.resolve(file.asText()))));
        return new KubernetesApp(appName, directory, kustomization, resources);
    }

    List<JsonNode> all(String kind) {
        return resources.stream().filter(resource -> kind.equals(resource.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        assertThat(found).as("%s resources of %s", kind, name).hasSize(1);
        return found.get(0);
    }

    JsonNode named(String kind, String resourceName) {
        return all(kind).stream().filter(resource -> resourceName.equals(resource.at("/metadata/name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + resourceName + " for " + name));
    }

    JsonNode statefulSet() {
        return one("StatefulSet");
    }

    JsonNode podSpec() {
        return Yaml.required(statefulSet(), "/spec/template/spec");
    }

    JsonNode container() {
        JsonNode containers = Yaml.required(podSpec(), "/containers");
        assertThat(containers.size()).as("containers of %s", name).isEqualTo(1);
        return containers.get(0);
    }

    /** The configMapGenerator entry that makes the ConfigMap the pods mount. */
    JsonNode configMapGenerator(String configMapName) {
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            if (configMapName.equals(generator.path("name").asText())) {
                return generator;
            }
        }
        throw new AssertionError("kustomization of " + name + " generates no ConfigMap " + configMapName);
    }

    /** The files of the generated ConfigMap, by key (the file name), as they appear in the mounted directory. */
    Map<String, Path> configMapFiles(String configMapName) {
        Map<String, Path> files = new LinkedHashMap<>();
        Yaml.required(configMapGenerator(configMapName), "/files").forEach(file -> {
            Path path = directory.resolve(file.asText());
            files.put(path.getFileName().toString(), path);
        });
        return files;
    }

    /** The literal values of a secretGenerator, by key. */
    Map<String, String> generatedSecret(String secretName) {
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            if (secretName.equals(generator.path("name").asText())) {
                Map<String, String> literals = new TreeMap<>();
                generator.path("literals").forEach(literal -> {
                    String[] pair = literal.asText().split("=", 2);
                    literals.put(pair[0], pair[1]);
                });
                return literals;
            }
        }
        throw new AssertionError("kustomization of " + name + " generates no Secret " + secretName);
    }

    static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> result.put(key, properties.getProperty(key).trim()));
        return result;
    }
}
