package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrimziAclsTest {

    private static final String USERS = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: other
            spec:
              authorization:
                type: simple
                acls:
                  - resource: {type: topic, name: x}
                    operations: [Read]
            ---
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: app
            spec:
              authorization:
                type: simple
                acls:
                  - resource: {type: topic, name: app-, patternType: prefix}
                    operations: [Create, DescribeConfigs]
                  - resource: {type: transactionalId, name: app-, patternType: prefix}
                    operations: [Write]
                  - resource: {type: group, name: app}
                    operations: [Read]
                    host: 10.0.0.1
                  - resource: {type: cluster}
                    operations: [IdempotentWrite]
                    type: deny
            """;

    @TempDir
    Path dir;

    @Test
    void everyOperationOfTheNamedUserBecomesOneBindingInKafkasTerms() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka-user.yaml"), USERS);

        assertThat(StrimziAcls.read(file, "app", "User:app")).containsExactly(
                allow(ResourceType.TOPIC, "app-", PatternType.PREFIXED, AclOperation.CREATE, "*"),
                allow(ResourceType.TOPIC, "app-", PatternType.PREFIXED, AclOperation.DESCRIBE_CONFIGS, "*"),
                allow(ResourceType.TRANSACTIONAL_ID, "app-", PatternType.PREFIXED, AclOperation.WRITE, "*"),
                allow(ResourceType.GROUP, "app", PatternType.LITERAL, AclOperation.READ, "10.0.0.1"),
                new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                        new AccessControlEntry("User:app", "*", AclOperation.IDEMPOTENT_WRITE, AclPermissionType.DENY)));
    }

    @Test
    void aUserNotInTheFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("kafka-user.yaml"), USERS);
        assertThatThrownBy(() -> StrimziAcls.read(file, "nobody", "User:nobody")).hasMessageContaining("No KafkaUser nobody");
    }

    @Test
    void strimziSpellingBecomesKafkas() {
        assertThat(List.of("transactionalId", "DescribeConfigs", "Read").stream().map(StrimziAcls::snakeCase))
                .containsExactly("TRANSACTIONAL_ID", "DESCRIBE_CONFIGS", "READ");
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation, String host) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:app", host, operation, AclPermissionType.ALLOW));
    }
}
