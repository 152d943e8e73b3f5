package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ACL rules of a Strimzi {@code KafkaUser} ({@code spec.authorization.acls}, simple authorization), and what they
 * allow by Kafka's own rules: a literal name matches itself ({@code *} every name), a prefix every name starting with
 * it; Read, Write, Delete and Alter imply Describe, and AlterConfigs implies DescribeConfigs.
 */
final class Acl {

    /** One access an app makes: an operation on a resource, e.g. Write on topic fraud-alerts. */
    record Access(String resourceType, String name, String operation, String why) {
        @Override
        public String toString() {
            return operation + " on " + resourceType + " " + name + " (" + why + ")";
        }
    }

    /** One rule: operations allowed on a literal name or a prefix. */
    record Rule(String resourceType, String name, String patternType, Set<String> operations) {

        boolean matches(String type, String resourceName) {
            if (!resourceType.equalsIgnoreCase(type)) {
                return false;
            }
            if (resourceType.equals("cluster")) {
                return true;
            }
            return switch (patternType) {
                case "literal" -> name.equals("*") || name.equals(resourceName);
                case "prefix" -> resourceName.startsWith(name);
                default -> throw new AssertionError("unknown patternType " + patternType);
            };
        }

        boolean allows(Access access) {
            return matches(access.resourceType(), access.name()) && operations.stream().anyMatch(granted -> implies(granted, access.operation()));
        }

        @Override
        public String toString() {
            return operations + " on " + resourceType + " " + patternType + " " + name;
        }
    }

    final String user;
    final List<Rule> rules;

    private Acl(String user, List<Rule> rules) {
        this.user = user;
        this.rules = rules;
    }

    static Acl of(JsonNode kafkaUser) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode acl : Yaml.required(kafkaUser, "/spec/authorization/acls")) {
            if (acl.has("type") && !"allow".equals(acl.get("type").asText())) {
                throw new AssertionError("only allow rules are expected: " + acl);
            }
            Set<String> operations = new LinkedHashSet<>();
            Yaml.required(acl, "/operations").forEach(operation -> operations.add(operation.asText()));
            String type = Yaml.text(acl, "/resource/type");
            rules.add(new Rule(type, type.equals("cluster") ? "" : Yaml.text(acl, "/resource/name"),
                    acl.at("/resource/patternType").asText("literal"), operations));
        }
        return new Acl(Yaml.text(kafkaUser, "/metadata/name"), rules);
    }

    boolean allows(Access access) {
        return rules.stream().anyMatch(rule -> rule.allows(access));
    }

    /** Kafka's implications between operations (AclEntry.supportedOperations and the authorizer's implicit Describe). */
    static boolean implies(String granted, String wanted) {
        String g = granted.toLowerCase(Locale.ROOT);
        String w = wanted.toLowerCase(Locale.ROOT);
        if (g.equals(w) || g.equals("all")) {
            return true;
        }
        if (w.equals("describe")) {
            return Set.of("read", "write", "delete", "alter").contains(g);
        }
        return w.equals("describeconfigs") && g.equals("alterconfigs");
    }
}
