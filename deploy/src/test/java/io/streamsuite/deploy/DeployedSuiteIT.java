package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three apps, one pod each as their StatefulSets configure them (topics from their KafkaTopic resources; fraud-detection
 * with {@code group.protocol=streams}, the others on the classic protocol), fed
 * input that makes each raise an alert and dead-letter a record. Then, against what the running apps really do:
 * every metric and label the Grafana dashboard queries is in their /metrics; and the Kafka resources they created and
 * used (internal topics, transactional ids, group) are what the KafkaUsers' ACLs were derived for and allow.
 */
class DeployedSuiteIT {

    static EmbeddedKafka kafka;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Labels Prometheus adds to every series of a target (compose: job, instance; Kubernetes: also namespace, pod). */
    static final Set<String> TARGET_LABELS = Set.of("instance", "job", "namespace", "pod", "container", "endpoint");

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void dashboardMetricsExistInTheAppsScrapesAndTheAclsCoverWhatTheAppsDid() throws Exception {
        Map<String, StatefulSetOnThisMachine> suite = new LinkedHashMap<>();
        try (Admin admin = kafka.admin()) {
            for (String app : List.of("fraud-detection", "clickstream", "iot-monitoring")) {
                // fraud-detection on the streams rebalance protocol: the dashboard's rebalance panel reads metrics that
                // Kafka registers only under it (the thread's tasks-assigned and tasks-revoked latencies)
                StatefulSetOnThisMachine statefulSet = new StatefulSetOnThisMachine(app, kafka, app.equals("fraud-detection")
                        ? Map.of(ConfigSources.environmentName("group.protocol"), "streams") : Map.of());
                suite.put(app, statefulSet);
                kafka.produce(input(app));
                statefulSet.start(0);
            }
            // each app raised its alert: its alert counter exists now
            kafka.consume("fraud-alerts", 1, Duration.ofMinutes(2));
            kafka.consume("clickstream-bot-alerts", 1, Duration.ofMinutes(2));
            kafka.consume("iot-alerts", 1, Duration.ofMinutes(2));
            for (String app : suite.keySet()) {
                kafka.consume(app.equals("fraud-detection") ? "fraud-detection-dlq" : app + "-dlq", 1, Duration.ofMinutes(1));
            }

            Dashboard dashboard = Dashboard.read(Repo.DASHBOARD);
            Map<String, PrometheusScrape> scrapes = new TreeMap<>();
            // task and partition metrics appear within seconds of the assignment: scrape until everything is there
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
                scrapes.clear();
                for (Map.Entry<String, StatefulSetOnThisMachine> app : suite.entrySet()) {
                    scrapes.put(app.getKey(), scrape(app.getValue().pod(0)));
                }
                assertDashboardMatches(dashboard, scrapes);
            });
            assertThat(scrapes.get("fraud-detection").has("kafka_stream_fraud_alerts_total")).isTrue();
            assertThat(scrapes.get("clickstream").has("kafka_stream_clickstream_bot_alerts_total")).isTrue();
            assertThat(scrapes.get("iot-monitoring").has("kafka_stream_iot_alerts_total")).isTrue();

            assertAclsCoverWhatTheAppsDid(admin, suite);
        } finally {
            suite.values().forEach(StatefulSetOnThisMachine::close);
        }
    }

    /** Every metric the dashboard queries, with the application label and every label it groups or filters by. */
    static void assertDashboardMatches(Dashboard dashboard, Map<String, PrometheusScrape> scrapes) {
        PrometheusScrape all = new PrometheusScrape();
        scrapes.values().forEach(all::addAll);
        List<String> problems = new ArrayList<>();
        for (Dashboard.Query query : dashboard.queries()) {
            Set<String> labels = new TreeSet<>(PromQl.groupingLabels(query.expression()));
            labels.addAll(PromQl.matcherLabels(query.expression()));
            labels.removeAll(TARGET_LABELS);
            for (String metric : PromQl.metricNames(query.expression())) {
                if (!all.has(metric)) {
                    problems.add(query.panel() + ": no series " + metric);
                    continue;
                }
                for (String label : labels) {
                    if (all.series.get(metric).stream().noneMatch(series -> series.containsKey(label))) {
                        problems.add(query.panel() + ": " + metric + " has no label " + label);
                    }
                }
                if (!all.series.get(metric).stream().allMatch(series -> series.containsKey("application"))) {
                    problems.add(query.panel() + ": " + metric + " has series without the application label");
                }
            }
        }
        assertThat(problems).as("dashboard queries the scrapes cannot answer").isEmpty();
    }

    /**
     * The internal topics on the broker are those derived from the topologies, and with the transactional ids and the
     * group each app really used, allowed by the app's KafkaUser.
     */
    static void assertAclsCoverWhatTheAppsDid(Admin admin, Map<String, StatefulSetOnThisMachine> suite) throws Exception {
        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<String> transactionalIds = admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                .map(TransactionListing::transactionalId).toList();
        Set<String> groups = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream().map(group -> group.groupId()).collect(Collectors.toSet());
        for (StatefulSetOnThisMachine statefulSet : suite.values()) {
            KubernetesApp app = statefulSet.app;
            ConfiguredApp configured = Pods.configured(app, Dockerfile.read(Repo.DOCKERFILE), 0);
            AppAccesses derived = new AppAccesses(configured);
            Acl acl = Acl.of(app.named("KafkaUser", app.name));
            String id = derived.applicationId;

            Set<String> contract = new TreeSet<>(derived.inputTopics);
            contract.addAll(derived.globalTopics);
            contract.addAll(derived.outputTopics);
            contract.add(derived.deadLetterTopic);
            Set<String> internal = topics.stream().filter(topic -> topic.startsWith(id + "-") && !contract.contains(topic))
                    .collect(Collectors.toCollection(TreeSet::new));
            // every store of these apps is logged, so the derivation is exact, not just an upper bound
            assertThat(internal).as("internal topics Streams created for %s", id).isNotEmpty().isEqualTo(derived.internalTopics());
            for (String topic : internal) {
                for (String operation : List.of("Create", "Describe", "DescribeConfigs", "Read", "Write")) {
                    assertThat(acl.allows(new Acl.Access("topic", topic, operation, "internal"))).as("%s on %s", operation, topic).isTrue();
                }
            }
            List<String> ownTransactions = transactionalIds.stream().filter(txId -> txId.startsWith(id + "-")).toList();
            assertThat(ownTransactions).as("transactional ids of %s", id).isNotEmpty().allSatisfy(txId -> {
                assertThat(acl.allows(new Acl.Access("transactionalId", txId, "Write", "eos"))).as(txId).isTrue();
                assertThat(txId).matches(java.util.regex.Pattern.quote(id) + "-[0-9a-f-]{36}-\\d+");
            });
            assertThat(groups).contains(id);
            assertThat(acl.allows(new Acl.Access("group", id, "Read", "group"))).isTrue();
        }
    }

    static PrometheusScrape scrape(PodProcess pod) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(pod.base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(response.body());
    }

    /** Input that makes the app alert once and dead-letter one record, produced before it starts. */
    static List<ProducerRecord<byte[], byte[]>> input(String app) {
        long now = Instant.now().toEpochMilli();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        switch (app) {
            case "fraud-detection" -> {
                for (int i = 0; i < 6; i++) {
                    records.add(record("transactions", "card-1", "{\"transactionId\":\"tx-" + i + "\",\"cardId\":\"card-1\",\"amount\":12.5,"
                            + "\"currency\":\"EUR\",\"merchantId\":\"m-1\",\"timestamp\":" + (now + i * 1000) + "}"));
                }
                records.add(record("transactions", "card-2", "{not json"));
            }
            case "clickstream" -> {
                records.add(record("clickstream-events", "user-1", "{\"eventId\":\"e-1\",\"userId\":\"user-1\",\"type\":\"PAGE_VIEW\","
                        + "\"url\":\"/\",\"userAgent\":\"Googlebot/2.1\",\"timestamp\":" + now + "}"));
                records.add(record("clickstream-events", "user-2", "{not json"));
            }
            case "iot-monitoring" -> {
                records.add(record("iot-devices", "d-1", "{\"deviceId\":\"d-1\",\"location\":\"hall 1\",\"thresholds\":{\"temperature\":{\"max\":30}}}"));
                records.add(record("iot-readings", "d-1", "{\"deviceId\":\"d-1\",\"sensorType\":\"temperature\",\"value\":55.0,\"unit\":\"C\","
                        + "\"timestamp\":" + now + "}"));
                records.add(record("iot-readings", "d-2", "{not json"));
            }
            default -> throw new IllegalArgumentException(app);
        }
        return records;
    }

    static ProducerRecord<byte[], byte[]> record(String topic, String key, String value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
