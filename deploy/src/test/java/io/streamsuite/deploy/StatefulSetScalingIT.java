package io.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupSubtopologyDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fraud-detection as its StatefulSet runs it, three pods on the 6 partitions of transactions, scaled 3 -> 2 -> 3 while
 * transactions keep arriving: each pod a {@code java -jar} process configured only by what the manifests give it (the
 * ConfigMap's file, the pod's environment from the downward API, its own volume and DNS name; see {@link PodProcess}).
 * Every partition is assigned at every step, processing goes on through both steps, the alerts are exactly those the
 * traffic calls for, and every card is answered through any pod. Under {@code classic} (the pods assign the tasks) in
 * the build, and with {@code -Dscaling.protocol=classic,streams} also under {@code streams} (KIP-1071: the broker assigns
 * them; the pods' standbys and session timeout are set as the group's configs with {@code group.configs.apply=true}),
 * each on a broker of its own.
 */
class StatefulSetScalingIT {

    static final String APP = "fraud-detection";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final ObjectMapper JSON = new ObjectMapper();

    EmbeddedKafka kafka;
    String protocol;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Duration> timings = new java.util.LinkedHashMap<>();

    @AfterEach
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * The build scales under the default protocol, to stay within its time; {@code -Dscaling.protocol=classic,streams}
     * runs both.
     */
    static Stream<String> protocols() {
        return Arrays.stream(System.getProperty("scaling.protocol", "classic").split(",")).map(String::trim);
    }

    @ParameterizedTest(name = "group.protocol={0}")
    @MethodSource("protocols")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void threePodsScaleToTwoAndBackWithoutLosingOrRepeatingAnything(String groupProtocol) throws Exception {
        protocol = groupProtocol;
        kafka = EmbeddedKafka.start();
        // the only setting beyond what one embedded broker needs: a stopped pod leaves the group after 6 s, not 60 s
        Map<String, String> quickSessions = new TreeMap<>(Map.of(ConfigSources.environmentName("session.timeout.ms"),
                Long.toString(SESSION_TIMEOUT.toMillis()), ConfigSources.environmentName("group.protocol"), protocol));
        if (protocol.equals("streams")) {
            // the manifests' standbys and the session timeout above become the streams group's configs; a heartbeat
            // every 2 s, since the broker's default 5 s would leave a 6 s session one heartbeat of slack
            quickSessions.put(ConfigSources.environmentName("group.configs.apply"), "true");
            quickSessions.put(ConfigSources.environmentName("heartbeat.interval.ms"), "2000");
        }
        VelocityTraffic traffic = VelocityTraffic.generate(6_000, 400, Instant.now().minus(Duration.ofHours(1)));
        long testStart = System.nanoTime();
        try (StatefulSetOnThisMachine statefulSet = new StatefulSetOnThisMachine(APP, kafka, quickSessions);
             Admin admin = kafka.admin();
             PacedProducer producer = new PacedProducer(kafka, "transactions", traffic.records(), 400)) {
            int partitions = partitions(admin, "transactions");
            assertThat(partitions).as("partitions of transactions, from kafka-topics.yaml").isEqualTo(6);

            long phase = System.nanoTime();
            for (int ordinal = 0; ordinal < 3; ordinal++) {
                statefulSet.start(ordinal);
            }
            awaitGroup(admin, statefulSet, Set.of(0, 1, 2), partitions);
            timings.put("3 pods started, all ready, 6 partitions assigned", since(phase));

            // scale down while transactions arrive: the highest ordinal goes, as a StatefulSet removes it
            producer.release(2_000);
            producer.awaitSent(1_000, Duration.ofMinutes(1));
            phase = System.nanoTime();
            PodProcess.Termination stopped = statefulSet.terminate(2);
            assertThat(stopped.exitCode()).as("pod 2 closed cleanly on SIGTERM (log: target/pods)").isEqualTo(143);
            timings.put("pod 2 exit after SIGTERM", stopped.took());
            awaitGroup(admin, statefulSet, Set.of(0, 1), partitions);
            timings.put("scale 3 -> 2: SIGTERM to 2 ready pods owning all 6 partitions", since(phase));
            producer.awaitSent(2_000, Duration.ofMinutes(1));
            phase = System.nanoTime();
            kafka.awaitCaughtUp(APP, Duration.ofMinutes(2));
            timings.put("2 pods caught up with the first 2,000", since(phase));

            // scale up while transactions arrive: pod 2 comes back with its volume and its member id
            producer.release(4_000);
            producer.awaitSent(2_500, Duration.ofMinutes(1));
            phase = System.nanoTime();
            statefulSet.start(2);
            awaitGroup(admin, statefulSet, Set.of(0, 1, 2), partitions);
            timings.put("scale 2 -> 3: start to 3 ready pods owning all 6 partitions", since(phase));

            producer.release(traffic.records().size());
            producer.awaitSent(traffic.records().size(), Duration.ofMinutes(1));
            phase = System.nanoTime();
            kafka.awaitCaughtUp(APP, Duration.ofMinutes(2));
            timings.put("3 pods caught up with all 6,000", since(phase));

            Map<String, Set<String>> alerted = alertsByTransaction(kafka.readAll("fraud-alerts", Duration.ofSeconds(30)));
            assertThat(alerted).as("alerts by transaction, read_committed").isEqualTo(traffic.expectedAlerts());
            assertThat(alerted).hasSizeGreaterThan(100);

            assertEveryCardIsAnsweredThroughAnyPod(statefulSet, traffic);

            for (int ordinal = 0; ordinal < 3; ordinal++) {
                PodProcess.Termination termination = statefulSet.terminate(ordinal);
                assertThat(termination.exitCode()).as("exit of pod %d", ordinal).isEqualTo(143);
            }
        } finally {
            timings.put("whole test", since(testStart));
            report();
        }
    }

    /**
     * Each card asked of a pod in turn: the count of its transactions exact, answered by the pod that owns it, which
     * is named by its DNS name; between them all three pods served cards.
     */
    void assertEveryCardIsAnsweredThroughAnyPod(StatefulSetOnThisMachine statefulSet, VelocityTraffic traffic) throws Exception {
        Map<String, Integer> servedBy = new TreeMap<>();
        int forwarded = 0;
        int asked = 0;
        for (Map.Entry<String, Integer> card : traffic.transactionsPerCard().entrySet()) {
            int ordinal = asked++ % 3;
            // the pods require the token of their Secret (the tests' placeholder), and pass it on when they forward
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(statefulSet.pod(ordinal).base.resolve("/cards/" + card.getKey()))
                    .header("Authorization", "Bearer " + Pods.httpToken(statefulSet.app))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s asked of pod %d: %s", card.getKey(), ordinal, answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("transactionCount").asInt()).as("transactions of %s", card.getKey())
                    .isEqualTo(card.getValue());
            String server = answer.headers().firstValue("X-Streams-Served-By").orElseThrow();
            servedBy.merge(server, 1, Integer::sum);
            if (!server.equals(statefulSet.applicationServer(ordinal))) {
                forwarded++;
            }
        }
        assertThat(servedBy.keySet()).as("pods that answered, by their application.server")
                .containsExactlyInAnyOrder(statefulSet.applicationServer(0), statefulSet.applicationServer(1), statefulSet.applicationServer(2));
        assertThat(forwarded).as("answers a pod fetched from the owner").isGreaterThan(0);
        timings.put("cards answered: " + asked + ", forwarded to their owner: " + forwarded, Duration.ZERO);
    }

    /**
     * Waits until exactly the given pods are ready and the group, stable, has exactly their static members, whose
     * assignments cover every partition of transactions.
     */
    void awaitGroup(Admin admin, StatefulSetOnThisMachine statefulSet, Set<Integer> ordinals, int partitions) {
        Set<String> expectedMembers = ordinals.stream().map(ordinal -> statefulSet.podName(ordinal) + "-1").collect(Collectors.toCollection(TreeSet::new));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (int ordinal : ordinals) {
                PodProcess pod = statefulSet.pod(ordinal);
                assertThat(pod.isAlive()).as("%s runs (log: target/pods)", pod.pod.name()).isTrue();
                if (pod.status(http, "/health/ready") != 200) {
                    return false;
                }
            }
            Map<String, Set<Integer>> assignment = protocol.equals("streams") ? streamsAssignment(admin) : classicAssignment(admin);
            if (assignment == null) {
                return false;
            }
            Set<Integer> assigned = assignment.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
            boolean everyMemberWorks = assignment.values().stream().noneMatch(Set::isEmpty);
            return assignment.keySet().equals(expectedMembers) && assigned.size() == partitions && everyMemberWorks;
        });
    }

    /** The partitions of transactions each member of the stable consumer group reads, by instance id; null while unstable. */
    static Map<String, Set<Integer>> classicAssignment(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APP)).describedGroups().get(APP).get(10, TimeUnit.SECONDS);
        if (group.groupState() != GroupState.STABLE) {
            return null;
        }
        Map<String, Set<Integer>> assignment = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            assignment.put(member.groupInstanceId().orElse("(dynamic)"), member.assignment().topicPartitions().stream()
                    .filter(partition -> partition.topic().equals("transactions")).map(TopicPartition::partition)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return assignment;
    }

    /**
     * The same for a streams group: the partitions of the active tasks of the subtopology that reads transactions, as
     * the broker assigned them (current, not target, assignment); null while the group is not stable.
     */
    static Map<String, Set<Integer>> streamsAssignment(Admin admin) throws Exception {
        StreamsGroupDescription group = admin.describeStreamsGroups(List.of(APP)).describedGroups().get(APP).get(10, TimeUnit.SECONDS);
        if (group.groupState() != GroupState.STABLE) {
            return null;
        }
        Set<String> readingTransactions = group.subtopologies().stream()
                .filter(subtopology -> subtopology.sourceTopics().contains("transactions"))
                .map(StreamsGroupSubtopologyDescription::subtopologyId).collect(Collectors.toSet());
        Map<String, Set<Integer>> assignment = new TreeMap<>();
        for (StreamsGroupMemberDescription member : group.members()) {
            assignment.put(member.instanceId().orElse("(dynamic)"), member.assignment().activeTasks().stream()
                    .filter(tasks -> readingTransactions.contains(tasks.subtopologyId()))
                    .flatMap(tasks -> tasks.partitions().stream()).collect(Collectors.toCollection(TreeSet::new)));
        }
        return assignment;
    }

    static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    static Map<String, Set<String>> alertsByTransaction(Collection<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        Map<String, Set<String>> alerted = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode alert = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            Set<String> rules = new TreeSet<>();
            alert.path("rules").forEach(rule -> rules.add(rule.asText()));
            Set<String> previous = alerted.put(alert.path("transactionId").asText(), rules);
            assertThat(previous).as("a second alert for %s", alert.path("transactionId").asText()).isNull();
        }
        return alerted;
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    void report() throws IOException {
        StringBuilder text = new StringBuilder("StatefulSetScalingIT timings (" + APP + ", group.protocol=" + protocol
                + ", session.timeout.ms=" + SESSION_TIMEOUT.toMillis() + "):\n");
        timings.forEach((what, took) -> text.append(String.format("  %-75s %6.1f s%n", what, took.toMillis() / 1000.0)));
        System.out.print(text);
        Files.writeString(Path.of("target", "scaling-timings-" + protocol + ".txt"), text);
    }
}
