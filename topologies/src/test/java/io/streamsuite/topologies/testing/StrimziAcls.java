package io.streamsuite.topologies.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.Yaml;

/**
 * The ACLs of a Strimzi {@code KafkaUser} ({@code spec.authorization.acls} with {@code type: simple}) as Kafka
 * {@link AclBinding}s, translated the way Strimzi's User Operator does: one binding per operation, resource types and
 * operations from Strimzi's spelling ({@code transactionalId}, {@code DescribeConfigs}) to Kafka's, {@code host}
 * {@code *} and {@code type: allow} unless the rule says otherwise. So a test can give a principal exactly what a
 * deployment's manifest gives it.
 */
public final class StrimziAcls {

    /** The name of the cluster resource, the only one there is. */
    private static final String CLUSTER = "kafka-cluster";

    private StrimziAcls() {
    }

    /**
     * @param file      a YAML file with one or more documents, one of them the {@code KafkaUser} named {@code userName}
     * @param principal the principal to grant them to, e.g. {@code User:fraud-detection} (SCRAM) or
     *                  {@code User:CN=fraud-detection} (TLS client certificate)
     * @throws IllegalArgumentException if the file holds no such user, or a rule Kafka cannot express
     */
    public static List<AclBinding> read(Path file, String userName, String principal) {
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> resource && "KafkaUser".equals(resource.get("kind"))
                        && userName.equals(at(resource, "metadata", "name"))) {
                    return bindings(list(at(resource, "spec", "authorization", "acls")), principal);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("No KafkaUser " + userName + " in " + file);
    }

    private static List<AclBinding> bindings(List<?> rules, String principal) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Object item : rules) {
            Map<?, ?> rule = (Map<?, ?>) item;
            ResourceType type = ResourceType.fromString(snakeCase(text(rule, "resource", "type")));
            String name = type == ResourceType.CLUSTER ? CLUSTER : text(rule, "resource", "name");
            PatternType pattern = "prefix".equals(at(rule, "resource", "patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
            AclPermissionType permission = "deny".equals(rule.get("type")) ? AclPermissionType.DENY : AclPermissionType.ALLOW;
            String host = rule.get("host") == null ? "*" : rule.get("host").toString();
            for (Object operationName : list(rule.get("operations"))) {
                AclOperation operation = AclOperation.fromString(snakeCase(operationName.toString()));
                if (type == ResourceType.UNKNOWN || operation == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException("Not a Kafka ACL: " + rule);
                }
                bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, host, operation, permission)));
            }
        }
        return List.copyOf(bindings);
    }

    /** {@code DescribeConfigs} and {@code transactionalId} to {@code DESCRIBE_CONFIGS} and {@code TRANSACTIONAL_ID}. */
    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = current instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return current;
    }

    private static String text(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            throw new IllegalArgumentException("Missing " + String.join(".", path) + " in " + node);
        }
        return value.toString();
    }

    private static List<?> list(Object node) {
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException("Expected a list, got " + node);
        }
        return list;
    }
}
