package io.streamsuite.topologies.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.runtime.ExitCode;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Two instances of one app, each with its own state dir and port, share six partitions: every key is asked of both,
 * and both answer it right, one from its own store and the other by asking the owner. When one instance stops, the
 * other answers 503 until it has taken over the partitions, and then every key again. Under both rebalance protocols:
 * the classic one, where the instances assign the tasks, and the streams one (KIP-1071), where the broker does.
 */
class InteractiveQueriesIT {

    static final String ID_PREFIX = "iq-it-";
    static final int PARTITIONS = 6;
    static final int CUSTOMERS = 60;
    static final int ORDERS = 600;

    static EmbeddedKafka kafka;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        // a stream thread that fails is the runner's to replace (Kafka 4.4.0 fails a new streams group's first
        // heartbeats): not a failure of the condition a test waits for, as Awaitility would take it by default
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    record Instance(StreamsRunner runner, CompletableFuture<Integer> exit, URI base) {

        String address() {
            return "127.0.0.1:" + base.getPort();
        }
    }

    String id;
    String protocol;
    /** Set for the streams-protocol run: every query, forwarded ones included, then needs it. */
    String token;

    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "streams"})
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyKeyIsAnsweredRightByEitherInstanceWhoeverOwnsIt(String groupProtocol) throws Exception {
        protocol = groupProtocol;
        id = ID_PREFIX + groupProtocol;
        token = groupProtocol.equals("streams") ? "iq-it-token-" + Long.toHexString(System.nanoTime()) : null;
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger runnerLog = (Logger) LoggerFactory.getLogger(StreamsRunner.class);
        runnerLog.addAppender(log);
        Instance first = start("one");
        List<Integer> beforeRunning = new ArrayList<>();
        Instance second = start("two");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> answer = get(first.base(), "/customers/c1");
            beforeRunning.add(answer.statusCode());
            return bothRunWithAllPartitions(first, second);
        });
        assertThat(beforeRunning).as("answers while the group forms").doesNotContain(500).allMatch(code -> code == 503 || code == 404);
        runnerLog.detachAppender(log);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).as("each rebalance logs the tasks it gave")
                .anyMatch(line -> line.matches("sample-app state REBALANCING -> RUNNING; active tasks \\[(\\d_\\d(, )?)+]"));

        Map<String, double[]> expected = produceOrders();
        kafka.consume(id + "-totals", ORDERS, Duration.ofSeconds(90));

        Map<String, Set<String>> servedBy = new HashMap<>();
        for (Instance asked : List.of(first, second)) {
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "c" + c;
                HttpResponse<String> answer = get(asked.base(), "/customers/" + customer);
                assertThat(answer.statusCode()).as("%s asked of %s", customer, asked.address()).isEqualTo(200);
                JsonNode total = json(answer.body());
                assertThat(total.path("customer").asText()).isEqualTo(customer);
                assertThat(total.path("orders").asLong()).as("orders of %s", customer).isEqualTo((long) expected.get(customer)[0]);
                assertThat(total.path("total").asDouble()).as("total of %s", customer).isEqualTo(expected.get(customer)[1]);
                servedBy.computeIfAbsent(asked.address(), a -> new HashSet<>())
                        .add(answer.headers().firstValue(QueryRoutes.SERVED_BY).orElseThrow());
            }
        }
        assertThat(servedBy.get(first.address())).as("keys asked of the first came from both")
                .containsExactlyInAnyOrder(first.address(), second.address());
        assertThat(servedBy.get(second.address())).as("keys asked of the second came from both")
                .containsExactlyInAnyOrder(first.address(), second.address());

        for (Instance asked : List.of(first, second)) {
            HttpResponse<String> unknown = get(asked.base(), "/customers/nobody");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("{\"error\":\"customer 'nobody' not found\"}");

            HttpResponse<String> all = get(asked.base(), "/customers");
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            assertThat(customersIn(all.body())).as("gathered from both").hasSize(CUSTOMERS).isSorted();
            assertThat(all.headers().firstValue(QueryRoutes.SERVED_BY).orElseThrow().split(","))
                    .containsExactlyInAnyOrder(first.address(), second.address());

            HttpResponse<String> busy = get(asked.base(), "/customers?min-orders=11");
            assertThat(customersIn(busy.body())).hasSize(20).containsExactlyElementsOf(expected.entrySet().stream()
                    .filter(entry -> entry.getValue()[0] >= 11).map(Map.Entry::getKey).sorted().toList());

            HttpResponse<String> bad = get(asked.base(), "/customers?min-orders=many");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"min-orders must be a whole number, was 'many'\"}");

            assertPagesMakeTheWholeList(asked, customersIn(all.body()));
            if (token != null) {
                assertOnlyQueriesNeedTheToken(asked);
            }
        }

        assertTheSurvivorTakesOver(first, second, expected);
    }

    /** Pages of 25, each asked of the same instance with the cursor the last one gave, make the whole list. */
    void assertPagesMakeTheWholeList(Instance asked, List<String> whole) throws Exception {
        List<String> paged = new ArrayList<>();
        String path = "/customers?limit=25";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> page = get(asked.base(), path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            paged.addAll(customersIn(page.body()));
            pages++;
            path = page.headers().firstValue(Page.NEXT_AFTER).map(next -> "/customers?limit=25&after=" + next).orElse(null);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(whole);
        assertThat(get(asked.base(), "/customers?limit=0").statusCode()).isEqualTo(400);
    }

    /** Without the token a query is refused; the probes and the metrics are not; forwarded queries worked above. */
    void assertOnlyQueriesNeedTheToken(Instance asked) throws Exception {
        for (String path : List.of("/customers/c1", "/customers")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(asked.base().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
            assertThat(http.send(HttpRequest.newBuilder(asked.base().resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aStoreHasThePartitionsOfItsChangelogAndNoCountWithoutOne() {
        String applicationId = ID_PREFIX + "partitions";
        kafka.createTopic(applicationId + "-totals-store-changelog", 4);
        StorePartitions partitions = StorePartitions.fromChangelogs(new StreamsConfig(Map.of(
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                StreamsConfig.APPLICATION_ID_CONFIG, applicationId)));
        assertThat(partitions.count("totals-store")).hasValue(4);
        assertThat(partitions.count("in-memory-store")).isEmpty();
    }

    /** After the second stops, the first answers 503 (never a wrong or partial answer) until it owns every key. */
    void assertTheSurvivorTakesOver(Instance first, Instance second, Map<String, double[]> expected) throws Exception {
        second.runner().stop();
        assertThat(second.exit().get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        List<Integer> duringTakeover = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int notServed = 0;
            for (int c = 0; c < CUSTOMERS; c++) {
                HttpResponse<String> answer = get(first.base(), "/customers/c" + c);
                duringTakeover.add(answer.statusCode());
                if (answer.statusCode() == 200) {
                    assertThat(json(answer.body()).path("orders").asLong()).isEqualTo((long) expected.get("c" + c)[0]);
                } else {
                    notServed++;
                    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                    assertThat(json(answer.body()).path("error").asText()).isNotBlank();
                }
            }
            return notServed == 0;
        });
        assertThat(duringTakeover).as("the lost instance's keys were unavailable for a while").contains(503)
                .allMatch(code -> code == 200 || code == 503);
        // the whole list or 503 while a partition has no queryable owner, never part of it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> all = get(first.base(), "/customers");
            assertThat(all.statusCode()).isIn(200, 503);
            if (all.statusCode() == 503) {
                return false;
            }
            assertThat(customersIn(all.body())).hasSize(CUSTOMERS);
            assertThat(all.headers().firstValue(QueryRoutes.SERVED_BY)).contains(first.address());
            return true;
        });

        first.runner().stop();
        assertThat(first.exit().get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    /**
     * Orders spread over every partition: nine per customer, then three more each for the first twenty customers.
     * Returns each customer's order count and total.
     */
    Map<String, double[]> produceOrders() {
        Map<String, double[]> expected = new HashMap<>();
        List<KeyValue<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            String customer = "c" + (i < 540 ? i % CUSTOMERS : (i - 540) % 20);
            double amount = 1 + i % 13;
            double[] sum = expected.computeIfAbsent(customer, c -> new double[2]);
            sum[0]++;
            sum[1] += amount;
            orders.add(KeyValue.pair("o" + i, "{\"orderId\":\"o" + i + "\",\"customer\":\"" + customer + "\",\"amount\":" + amount
                    + ",\"timestamp\":" + (1_700_000_000_000L + i) + "}"));
        }
        kafka.produce(id + "-orders", orders);
        assertThat(expected).hasSize(CUSTOMERS);
        return expected;
    }

    boolean bothRunWithAllPartitions(Instance first, Instance second) throws IOException, InterruptedException {
        if (get(first.base(), "/health/ready").statusCode() != 200 || get(second.base(), "/health/ready").statusCode() != 200) {
            return false;
        }
        var clients = first.runner().streams().orElseThrow().metadataForAllStreamsClients();
        return clients.size() == 2 && clients.stream().allMatch(client -> !client.topicPartitions().isEmpty())
                && clients.stream().mapToInt(StreamsMetadata::port).boxed().toList()
                .containsAll(List.of(first.base().getPort(), second.base().getPort()));
    }

    Instance start(String name) throws IOException {
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        Path config = config(name);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> exit.isDone() || runner.httpAddress().isPresent());
        assertThat(exit).as("still running").isNotDone();
        return new Instance(runner, exit, URI.create("http://127.0.0.1:" + runner.httpAddress().orElseThrow().getPort()));
    }

    Path config(String name) throws IOException {
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + id,
                "group.protocol=" + protocol,
                "state.dir=" + dir.resolve(name),
                "topics.create=true",
                "topics.partitions=" + PARTITIONS,
                "topic.sample-orders=" + id + "-orders",
                "topic.sample-totals=" + id + "-totals",
                "shutdown.timeout=20s",
                // classic: a stopped instance stays in the group until its session times out (under streams it leaves
                // on close, Kafka 4.4's CloseOptions DEFAULT)
                "session.timeout.ms=6000",
                "http.host=127.0.0.1",
                "http.port=0",
                "http.advertised.host=127.0.0.1",
                token == null ? "" : "http.auth.token=" + token,
                ""));
        return file;
    }

    HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> customersIn(String body) throws IOException {
        List<String> customers = new ArrayList<>();
        json(body).forEach(total -> customers.add(total.path("customer").asText()));
        return customers;
    }

    static JsonNode json(String body) throws IOException {
        return JsonMappers.mapper().readTree(body);
    }
}
