package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pod of a StatefulSet gets as its environment, resolved the way the kubelet resolves it: the image's ENV, then
 * the container's {@code env} in order, with the downward API ({@code fieldRef}) filled from the pod's identity,
 * secrets from the given values, and {@code $(VAR)} references expanded against the variables defined before them.
 */
final class PodTemplate {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)|\\$\\$");

    /** The identity the kubelet knows a pod by; {@code name} is {@code <statefulset>-<ordinal>}. */
    record Pod(String name, String namespace, String ip) {
    }

    private final Map<String, String> imageEnvironment;
    private final JsonNode container;

    PodTemplate(Map<String, String> imageEnvironment, JsonNode container) {
        this.imageEnvironment = Map.copyOf(imageEnvironment);
        this.container = container;
    }

    /**
     * @param secrets secret values by {@code <secret name>/<key>}; a reference to any other secret fails
     */
    Map<String, String> environment(Pod pod, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>(imageEnvironment);
        // $(VAR) sees only the container's own variables defined earlier, not the image's
        Map<String, String> defined = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            String name = Yaml.text(variable, "/name");
            String value;
            if (variable.has("value")) {
                value = expand(variable.get("value").asText(), defined);
            } else if (variable.at("/valueFrom/fieldRef").isObject()) {
                value = field(pod, Yaml.text(variable, "/valueFrom/fieldRef/fieldPath"));
            } else if (variable.at("/valueFrom/secretKeyRef").isObject()) {
                String ref = Yaml.text(variable, "/valueFrom/secretKeyRef/name") + "/" + Yaml.text(variable, "/valueFrom/secretKeyRef/key");
                value = secrets.get(ref);
                if (value == null) {
                    throw new AssertionError("the test supplies no secret " + ref + " (for " + name + ")");
                }
            } else {
                throw new AssertionError("unsupported env source for " + name + ": " + variable);
            }
            defined.put(name, value);
            env.put(name, value);
        }
        return env;
    }

    private static String field(Pod pod, String fieldPath) {
        return switch (fieldPath) {
            case "metadata.name" -> pod.name();
            case "metadata.namespace" -> pod.namespace();
            case "status.podIP" -> pod.ip();
            default -> throw new AssertionError("unsupported fieldRef " + fieldPath);
        };
    }

    /** Kubernetes' rule: a reference to an undefined variable stays as written; {@code $$} is a literal {@code $}. */
    static String expand(String value, Map<String, String> defined) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String replacement;
            if (reference.group(1) == null) {
                replacement = "$";
            } else {
                replacement = defined.getOrDefault(reference.group(1), reference.group());
            }
            reference.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(result);
        return result.toString();
    }
}
