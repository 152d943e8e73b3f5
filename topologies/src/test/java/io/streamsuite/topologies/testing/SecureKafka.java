package io.streamsuite.topologies.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;

/**
 * A single-node KRaft cluster as a secured production cluster runs: no PLAINTEXT anywhere, an {@code SSL} listener
 * that requires client certificates (mutual TLS), a {@code SASL_SSL} listener with {@code SCRAM-SHA-512}, and Kafka's
 * {@link StandardAuthorizer} denying whatever no ACL allows. Certificates come from a CA made up for the run
 * ({@link TestCertificates}). The broker's own traffic (inter-broker and to its controller) is mutual TLS as
 * {@code CN=broker}; the test's admin is {@code CN=admin}; both are super users, nobody else is.
 *
 * <p>The {@linkplain #kafka() embedded cluster's helpers} act as the admin, so tests create topics, produce and read
 * as usual, while an app under test connects with only the identity and ACLs the test gives it.
 */
public final class SecureKafka implements AutoCloseable {

    /**
     * The mutual-TLS listener (SSL with {@code ssl.client.auth=required}); also the inter-broker listener. Named as
     * Kafka's test kit names the listener it binds first.
     */
    public static final String MTLS_LISTENER = "EXTERNAL";
    /** The SASL_SSL listener with SCRAM-SHA-512. */
    public static final String SCRAM_LISTENER = "SCRAM";

    private static final String BROKER = "broker";
    private static final String ADMIN = "admin";
    private static final Duration PROPAGATION_TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedKafka kafka;
    private final TestCertificates certificates;

    private SecureKafka(EmbeddedKafka kafka, TestCertificates certificates) {
        this.kafka = kafka;
        this.certificates = certificates;
    }

    /** Creates a CA and the broker's and admin's keystores under {@code directory}, and starts the cluster. */
    public static SecureKafka start(Path directory) {
        TestCertificates certificates = TestCertificates.createAuthority(directory);
        TestCertificates.KeyStoreFile broker = certificates.issue(BROKER);
        TestCertificates.KeyStoreFile admin = certificates.issue(ADMIN);
        Map<String, String> config = new TreeMap<>();
        config.put("listeners", MTLS_LISTENER + "://localhost:0,CONTROLLER://localhost:0," + SCRAM_LISTENER + "://localhost:0");
        config.put("listener.security.protocol.map", MTLS_LISTENER + ":SSL,CONTROLLER:SSL," + SCRAM_LISTENER + ":SASL_SSL");
        // the broker's keystore serves every TLS listener, and its truststore checks client certificates
        sslIdentity(broker, certificates.truststore()).forEach((key, value) -> config.put(key, value.toString()));
        config.remove(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        // a client certificate is required wherever one is not given by SASL; the controller listener carries the
        // broker's own requests, which must come from a super user
        config.put("listener.name.external.ssl.client.auth", "required");
        config.put("listener.name.controller.ssl.client.auth", "required");
        config.put("listener.name.scram.sasl.enabled.mechanisms", "SCRAM-SHA-512");
        // the broker side of SCRAM needs a login module; the credentials themselves live in the cluster metadata
        config.put("listener.name.scram.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("authorizer.class.name", StandardAuthorizer.class.getName());
        config.put("super.users", "User:CN=" + BROKER + ";User:CN=" + ADMIN);
        config.put("allow.everyone.if.no.acl.found", "false");
        EmbeddedKafka kafka = EmbeddedKafka.start(new ClusterSecurity(config, sslIdentity(admin, certificates.truststore())));
        return new SecureKafka(kafka, certificates);
    }

    /** The cluster, whose helpers connect as the super user {@code CN=admin} over mutual TLS. */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The CA; {@link TestCertificates#issue} makes a client certificate for {@code User:CN=<name>}. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** {@code host:port} of the mutual-TLS listener. */
    public String mtlsBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code host:port} of the SCRAM-SHA-512 listener. */
    public String scramBootstrapServers() {
        return kafka.bootstrapServers(SCRAM_LISTENER);
    }

    /**
     * Client settings for mutual TLS with the keystore's identity, everything given directly (no config providers):
     * for the test's own clients.
     */
    public static Map<String, Object> sslIdentity(TestCertificates.KeyStoreFile keystore, TestCertificates.KeyStoreFile truststore) {
        Map<String, Object> config = new TreeMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.path().toString());
        config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, keystore.password());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.path().toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password());
        return config;
    }

    /** The JAAS line of a SCRAM client, as Strimzi writes it into a KafkaUser's secret. */
    public static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * Creates (or replaces) the SCRAM-SHA-512 credentials of {@code user} and returns once the broker accepts them:
     * credentials reach the broker through the metadata log, shortly after the controller has them.
     */
    public void createScramUser(String user, String password) {
        try (Admin admin = kafka.admin()) {
            await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all());
        }
        Map<String, Object> config = new TreeMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, scramBootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaasConfig(user, password));
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.caCertificatePem().toString());
        long deadline = System.nanoTime() + PROPAGATION_TIMEOUT.toNanos();
        while (true) {
            try (Admin asUser = Admin.create(config)) {
                await(asUser.describeCluster().clusterId());
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            sleep();
        }
    }

    /** Creates the ACLs and returns once the broker's authorizer applies them all. */
    public void grant(List<AclBinding> acls) {
        try (Admin admin = kafka.admin()) {
            await(admin.createAcls(acls).all());
            long deadline = System.nanoTime() + PROPAGATION_TIMEOUT.toNanos();
            while (!new HashSet<>(await(admin.describeAcls(AclBindingFilter.ANY).values())).containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ACLs not in effect after " + PROPAGATION_TIMEOUT + ": " + acls);
                }
                sleep();
            }
        }
    }

    @Override
    public void close() {
        kafka.close();
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
