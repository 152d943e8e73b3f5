package io.streamsuite.fraud.app;

import static io.streamsuite.fraud.app.FraudJarRecords.alertsByTransaction;
import static io.streamsuite.fraud.app.FraudJarRecords.blocklistRecords;
import static io.streamsuite.fraud.app.FraudJarRecords.expectedAlerts;
import static io.streamsuite.fraud.app.FraudJarRecords.freePort;
import static io.streamsuite.fraud.app.FraudJarRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsuite.fraud.FraudTraffic;
import io.streamsuite.fraud.Transaction;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.JsonSerde;
import io.streamsuite.topologies.testing.AppJar;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import io.streamsuite.topologies.testing.SecureKafka;
import io.streamsuite.topologies.testing.StrimziAcls;
import io.streamsuite.topologies.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar under exactly_once_v2 against a secured cluster ({@link SecureKafka}): over mutual TLS and over
 * SASL_SSL with SCRAM-SHA-512, configured by the properties fragments in {@code src/test/resources/security/} (the
 * README's), its secrets given through Kafka config providers (file, directory, environment), as a principal holding
 * exactly the ACLs of {@code deploy/kubernetes/fraud-detection/kafka-user.yaml}. Each run gives exactly the alerts of
 * the generated traffic, and the app's whole log holds none of the secrets. Without Write on its output the app stops
 * with exit code 1 naming the topic, and once the ACL is granted a restart still gives every alert exactly once. The
 * listeners refuse a client without a certificate and a wrong SCRAM password.
 */
class SecureKafkaJarIT {

    private static final Path KAFKA_USER = Path.of("..", "deploy", "kubernetes", "fraud-detection", "kafka-user.yaml");
    /** The KafkaUser's name: the app's application.id, its SCRAM user name and its certificate's common name. */
    private static final String USER = "fraud-detection";
    private static final String CA_PASSWORD_VARIABLE = "KAFKA_CA_PASSWORD";
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void overMutualTlsWithItsKeystorePasswordsFromAFileAndTheEnvironment() throws IOException {
        try (SecureKafka secure = SecureKafka.start(dir.resolve("ca"))) {
            TestCertificates.KeyStoreFile identity = secure.certificates().issue(USER);
            Path secrets = Files.createDirectories(dir.resolve("secrets").resolve(USER));
            Files.copy(identity.path(), secrets.resolve("user.p12"));
            Files.writeString(secrets.resolve("tls.properties"), "keystore.password=" + identity.password() + "\n");
            secure.grant(StrimziAcls.read(KAFKA_USER, USER, "User:CN=" + USER));
            FraudTraffic traffic = produceTraffic(secure.kafka(), 21);
            String truststorePassword = secure.certificates().truststore().password();

            long start = System.nanoTime();
            AppJar app = startApp("mtls.properties", secure.mtlsBootstrapServers(), Path.of("target", "secure-kafka-jar-it-mtls.log"),
                    Map.of(CA_PASSWORD_VARIABLE, truststorePassword));
            try {
                assertExactAlerts(secure.kafka(), traffic, "mutual TLS", start);
                assertThat(app.log())
                        .contains("ssl.keystore.password = ${file:" + dir.resolve("secrets") + "/" + USER + "/tls.properties:keystore.password} (file)")
                        .contains("ssl.truststore.password = ${env:" + CA_PASSWORD_VARIABLE + "} (file)");
            } finally {
                app.stopCleanly(Duration.ofSeconds(60));
            }
            assertNoSecrets(app.log(), identity.password(), truststorePassword, "keystore.password=",
                    secure.certificates().privateKeyPem(USER));
            // and the listener is what it claims: without a client certificate there is no connection at all
            Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secure.mtlsBootstrapServers(),
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secure.certificates().caCertificatePem().toString());
            assertThatThrownBy(() -> describeCluster(anonymous)).hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void overScramWithTheKafkaUsersSecretVolumeAndAMissingAclFailingLoudlyBeforeItIsGranted() throws IOException {
        try (SecureKafka secure = SecureKafka.start(dir.resolve("ca"))) {
            String password = TestCertificates.randomSecret();
            String jaas = SecureKafka.scramJaasConfig(USER, password);
            secure.createScramUser(USER, password);
            // the secret Strimzi's User Operator writes for a SCRAM KafkaUser, mounted as a volume: one file per key
            Path secrets = Files.createDirectories(dir.resolve("secrets").resolve(USER));
            Files.writeString(secrets.resolve("password"), password);
            Files.writeString(secrets.resolve("sasl.jaas.config"), jaas);
            List<AclBinding> acls = StrimziAcls.read(KAFKA_USER, USER, "User:" + USER);
            List<AclBinding> writeAlerts = acls.stream().filter(acl -> acl.pattern().resourceType() == ResourceType.TOPIC
                    && acl.pattern().name().equals("fraud-alerts") && acl.entry().operation() == AclOperation.WRITE).toList();
            assertThat(writeAlerts).hasSize(1);
            List<AclBinding> withoutWriteOnAlerts = new ArrayList<>(acls);
            withoutWriteOnAlerts.removeAll(writeAlerts);
            secure.grant(withoutWriteOnAlerts);
            FraudTraffic traffic = produceTraffic(secure.kafka(), 22);

            long denied = System.nanoTime();
            AppJar refused = startApp("sasl-ssl.properties", secure.scramBootstrapServers(),
                    Path.of("target", "secure-kafka-jar-it-scram-denied.log"), Map.of());
            assertThat(refused.awaitExit(Duration.ofSeconds(90))).as("exit code without Write on fraud-alerts").isEqualTo(1);
            assertThat(refused.log())
                    .contains("TopicAuthorizationException")
                    .contains("fraud-alerts")
                    .contains("stopped after a fatal error");
            assertThat(secure.kafka().readAll("fraud-alerts", Duration.ofSeconds(30))).as("committed alerts").isEmpty();
            System.out.printf("SCRAM without Write on fraud-alerts: exit 1 after %d ms, 0 alerts committed%n", millisSince(denied));

            secure.grant(writeAlerts);
            long start = System.nanoTime();
            AppJar app = startApp("sasl-ssl.properties", secure.scramBootstrapServers(), Path.of("target", "secure-kafka-jar-it-scram.log"), Map.of());
            try {
                assertExactAlerts(secure.kafka(), traffic, "SCRAM-SHA-512", start);
                assertThat(app.log()).contains("sasl.jaas.config = ${dir:" + secrets + ":sasl.jaas.config} (file)");
            } finally {
                app.stopCleanly(Duration.ofSeconds(60));
            }
            for (String log : List.of(refused.log(), app.log())) {
                assertNoSecrets(log, password, jaas, "ScramLoginModule required username");
            }
            Map<String, Object> wrongPassword = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, secure.scramBootstrapServers(),
                    CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL", SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
                    SaslConfigs.SASL_JAAS_CONFIG, SecureKafka.scramJaasConfig(USER, "not-" + password),
                    SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secure.certificates().caCertificatePem().toString());
            assertThatThrownBy(() -> describeCluster(wrongPassword)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** The contract topics, created as the cluster's admin would (the KafkaUser may not create them), and the traffic. */
    private static FraudTraffic produceTraffic(EmbeddedKafka kafka, long seed) {
        kafka.createTopic("transactions", 3);
        kafka.createTopic("fraud-alerts", 3);
        kafka.createTopic(USER + "-dlq", 1);
        kafka.createTopic("fraud-blocklist", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("fraud-rules", 1, Map.of("cleanup.policy", "compact"));
        // the traffic spans a few days from its start, and a broker refuses timestamps more than an hour ahead of it
        FraudTraffic traffic = FraudTraffic.generate(seed, 2 * FraudTraffic.FRAUD_CARDS,
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(6)));
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), Map.of("bootstrap.servers", "unused:9092")).context();
        kafka.produce(blocklistRecords(traffic, FraudDetectionApp.blocklist(context)));
        JsonSerde<Transaction> serde = JsonSerde.of(Transaction.class);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Transaction tx : traffic.transactions()) {
            records.add(new ProducerRecord<>("transactions", null, tx.timestamp(), utf8(traffic.kafkaKey(tx)),
                    serde.serializer().serialize("transactions", tx)));
        }
        kafka.produce(records);
        return traffic;
    }

    /**
     * The jar with the security fragment of the README, its paths pointed at this test's files, and what any
     * deployment sets: the listener, topics created beforehand, exactly_once_v2.
     */
    private AppJar startApp(String fragment, String bootstrapServers, Path log, Map<String, String> environment) throws IOException {
        Map<String, String> properties = new TreeMap<>();
        fragment(fragment).forEach((key, value) -> properties.put(key, value
                .replace("/etc/kafka-secrets", dir.resolve("secrets").toString())
                .replace("/etc/kafka-ca", dir.resolve("ca").toString())));
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("topics.create", "false");
        properties.put("processing.guarantee", "exactly_once_v2");
        properties.put("http.port", Integer.toString(freePort()));
        // a restarted instance joins at once rather than waiting out the session of one that died (45 s by default)
        properties.put("session.timeout.ms", "6000");
        return AppJar.start(FraudJarRecords.JAR, properties, log, environment);
    }

    private static Map<String, String> fragment(String name) {
        Properties properties = new Properties();
        try (InputStream in = SecureKafkaJarIT.class.getResourceAsStream("/security/" + name)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    private static void assertExactAlerts(EmbeddedKafka kafka, FraudTraffic traffic, String listener, long startNanos) {
        // the count first: the group's commits alone can look caught up while the repartitioned half has not started
        kafka.consume("fraud-alerts", traffic.expectedAlerts().size(), CATCH_UP);
        kafka.awaitCaughtUp(USER, CATCH_UP);
        AppContext context = ConfiguredApp.of(new FraudDetectionApp(), Map.of("bootstrap.servers", "unused:9092")).context();
        assertThat(alertsByTransaction(kafka.readAll("fraud-alerts", Duration.ofSeconds(30)), FraudDetectionApp.alerts(context)))
                .isEqualTo(expectedAlerts(traffic));
        assertThat(kafka.readAll(USER + "-dlq", Duration.ofSeconds(30))).as("dead letters").isEmpty();
        System.out.printf("%s: %d transactions, %d alerts, exactly as expected, %d ms from start to caught up%n",
                listener, traffic.transactions().size(), traffic.expectedAlerts().size(), millisSince(startNanos));
    }

    /** Every line the app wrote, searched for each secret and for any private key. */
    private static void assertNoSecrets(String log, String... secrets) {
        assertThat(log).isNotBlank().doesNotContain("PRIVATE KEY");
        for (String secret : secrets) {
            // a PEM block is searched for by its lines of Base64, which is how key material would show up
            for (String line : secret.lines().filter(line -> !line.startsWith("-----")).toList()) {
                assertThat(log).doesNotContain(line);
            }
        }
    }

    private static void describeCluster(Map<String, Object> config) throws Exception {
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
