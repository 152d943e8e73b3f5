package io.streamsuite.topologies.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured test cluster enforces what it claims: certificates on one listener, SCRAM on the other, ACLs on both. */
class SecureKafkaIT {

    @TempDir
    static Path directory;

    static SecureKafka secure;

    @BeforeAll
    static void start() {
        long start = System.nanoTime();
        secure = SecureKafka.start(directory);
        System.out.printf("SecureKafka (CA, 2 certificates, mTLS + SCRAM listeners, authorizer) ready in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    static void stop() {
        secure.close();
    }

    @Test
    void aCertifiedClientMayWriteOnlyWhatItsAclsAllow() throws Exception {
        secure.kafka().createTopic("allowed", 1);
        secure.kafka().createTopic("forbidden", 1);
        TestCertificates.KeyStoreFile client = secure.certificates().issue("writer");
        secure.grant(List.of(write("User:CN=writer", "allowed")));
        Map<String, Object> config = new TreeMap<>(SecureKafka.sslIdentity(client, secure.certificates().truststore()));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secure.mtlsBootstrapServers());

        assertThat(send(config, "allowed")).isNull();
        assertThat(send(config, "forbidden")).isInstanceOf(TopicAuthorizationException.class);
        assertThat(secure.kafka().readAll("allowed", Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void theMutualTlsListenerRefusesAClientWithoutCertificate() {
        Map<String, Object> config = new TreeMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secure.mtlsBootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secure.certificates().caCertificatePem().toString());

        assertThatThrownBy(() -> describeCluster(config)).hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void theScramListenerTakesTheRightPasswordOnlyAndAppliesTheUsersAcls() throws Exception {
        String password = TestCertificates.randomSecret();
        secure.createScramUser("scram-writer", password);
        secure.kafka().createTopic("scram-allowed", 1);
        secure.grant(List.of(write("User:scram-writer", "scram-allowed")));

        Map<String, Object> config = scramClient("scram-writer", password);
        assertThat(send(config, "scram-allowed")).isNull();
        assertThat(send(config, "allowed")).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> describeCluster(scramClient("scram-writer", "wrong")))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    private Map<String, Object> scramClient(String user, String password) {
        Map<String, Object> config = new TreeMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secure.scramBootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, SecureKafka.scramJaasConfig(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secure.certificates().caCertificatePem().toString());
        return config;
    }

    private static AclBinding write(String principal, String topic) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    }

    /** The cause of a failed send, or null when the broker acknowledged it. */
    private static Throwable send(Map<String, Object> config, String topic) throws InterruptedException {
        Map<String, Object> producerConfig = new TreeMap<>(config);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("send to " + topic + " neither succeeded nor failed", e);
        }
    }

    private static void describeCluster(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}
