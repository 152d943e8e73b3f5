package io.streamsuite.topologies.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.runtime.ExitCode;
import io.streamsuite.topologies.runtime.StreamsRunner;
import io.streamsuite.topologies.sample.CustomerTotal;
import io.streamsuite.topologies.sample.SampleApp;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The runner's HTTP endpoints against a real broker, from before the client runs until after it stopped. */
class OpsServerIT {

    static final String ID = "ops-it";
    static final int PARTITIONS = 2;
    static final int ORDERS = 40;
    static final int CUSTOMERS = 5;

    static EmbeddedKafka kafka;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void healthAndMetricsFollowTheAppFromStartToStopAndARestartRestoresItsStore() throws Exception {
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        Path config = config("state-1");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        URI base = awaitServer(runner, exit);

        List<String> notReady = awaitReady(base);
        assertThat(notReady).as("503 answers before RUNNING").isNotEmpty().allSatisfy(body -> {
            JsonNode json = json(body);
            assertThat(json.path("status").asText()).isEqualTo("DOWN");
            assertThat(json.path("state").asText()).isIn("STARTING", "CREATED", "REBALANCING");
        });
        assertReadyBodyOfARunningApp(get(base, "/health/ready"));
        HttpResponse<String> live = get(base, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
        assertThat(runner.streams().orElseThrow().metadataForAllStreamsClients()).extracting(StreamsMetadata::port)
                .as("the advertised port is Streams' application.server").containsExactly(base.getPort());

        List<KeyValue<String, String>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(KeyValue.pair("o" + i, "{\"orderId\":\"o" + i + "\",\"customer\":\"c" + (i % CUSTOMERS) + "\",\"amount\":2.5,\"timestamp\":"
                    + (1_700_000_000_000L + i) + "}"));
        }
        orders.add(KeyValue.pair("poison", "{\"orderId\":"));
        kafka.produce(ID + "-orders", orders);
        kafka.consume(ID + "-totals", ORDERS, Duration.ofSeconds(60));
        kafka.consume(ID + "-dlq", 1, Duration.ofSeconds(30));

        // Kafka's per-partition and per-task metrics appear after assignment and reach /metrics at the next refresh
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> metrics = get(base, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).contains(OpsServer.PROMETHEUS_TEXT);
            assertThat(metrics.body())
                    .containsPattern(series("kafka_stream_thread_process_rate", "thread_id=\"ops-it-[^\"]+-StreamThread-1\""))
                    .containsPattern(series("kafka_stream_thread_commit_latency_avg", ""))
                    .containsPattern(series("kafka_stream_processor_node_record_e2e_latency_avg", "processor_node_id=\"sample-orders-source\""))
                    .containsPattern(series("kafka_stream_task_dropped_records_total", "task_id=\"0_\\d\"", "1\\.0"))
                    .containsPattern(series("kafka_consumer_fetch_manager_records_lag", "partition=\"1\",topic=\"ops-it-orders\""))
                    .containsPattern(series("jvm_memory_used_bytes", "area=\"heap\""))
                    .containsPattern(series("jvm_gc_pause_seconds_count", ""))
                    .containsPattern("(?m)^streams_rocksdb_cache_usage_bytes\\{application=\"ops-it\"} [1-9]")
                    .containsPattern("(?m)^streams_dead_letters_total\\{application=\"ops-it\",reason=\"undecodable\",topic=\"ops-it-orders\"} 1\\.0$");
        });

        runner.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        assertThat(runner.httpAddress()).isEmpty();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString())).as("the server is closed").isInstanceOf(ConnectException.class);

        assertARestartOnAnEmptyStateDirRestoresAndLogsIt();
    }

    static final int STALLED_CONNECTIONS = 50;
    static final int CONCURRENT_QUERIES = 200;

    /**
     * 50 clients that send one byte and stall hold every worker of the query port, 200 queries wait behind them, and
     * the liveness probe on its own port still answers within a second every time. The query port drops the stalled
     * connections after its request-time limit (sun.net.httpserver.maxReqTime, 10 s), and then answers every query.
     */
    @Test
    @Timeout(180)
    void probesOnTheirOwnPortAnswerWithinASecondWhileStalledClientsAndQueriesLoadTheQueryPort() throws Exception {
        String id = "ops-load-it";
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        Path config = dir.resolve("load.properties");
        Files.writeString(config, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + id,
                "state.dir=" + dir.resolve("state-load"),
                "topics.create=true",
                "topics.partitions=" + PARTITIONS,
                "topic.sample-orders=" + id + "-orders",
                "topic.sample-totals=" + id + "-totals",
                "shutdown.timeout=20s",
                "http.host=127.0.0.1",
                "http.port=0",
                "http.probes.port=0",
                ""));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        List<Socket> stalled = new ArrayList<>();
        try {
            URI base = awaitServer(runner, exit);
            URI probes = URI.create("http://127.0.0.1:" + runner.probesAddress().orElseThrow().getPort());
            assertThat(probes.getPort()).isNotEqualTo(base.getPort());
            awaitReady(base);
            List<KeyValue<String, String>> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orders.add(KeyValue.pair("o" + i, "{\"orderId\":\"o" + i + "\",\"customer\":\"c" + (i % CUSTOMERS)
                        + "\",\"amount\":2.5,\"timestamp\":" + (1_700_000_000_000L + i) + "}"));
            }
            kafka.produce(id + "-orders", orders);
            kafka.consume(id + "-totals", ORDERS, Duration.ofSeconds(60));
            assertThat(get(probes, "/health/ready").statusCode()).as("readiness on the probe port too").isEqualTo(200);
            assertThat(get(probes, "/metrics").statusCode()).as("the probe port serves only the probes").isEqualTo(404);

            for (int i = 0; i < STALLED_CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", base.getPort());
                socket.getOutputStream().write('G');
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long loadStart = System.nanoTime();
            List<long[]> probeAnswers = new CopyOnWriteArrayList<>();
            AtomicBoolean loading = new AtomicBoolean(true);
            HttpClient probeClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            CompletableFuture<Void> prober = CompletableFuture.runAsync(() -> {
                while (loading.get()) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = probeClient.send(HttpRequest.newBuilder(probes.resolve("/health/live")).timeout(Duration.ofSeconds(5))
                                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    probeAnswers.add(new long[] {status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)});
                    sleep(100);
                }
            });
            HttpClient queryClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> queries = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_QUERIES; i++) {
                queries.add(queryClient.sendAsync(HttpRequest.newBuilder(base.resolve("/customers/c" + (i % CUSTOMERS)))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(queries.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
            loading.set(false);
            prober.get(10, TimeUnit.SECONDS);

            for (int i = 0; i < CONCURRENT_QUERIES; i++) {
                HttpResponse<String> answer = queries.get(i).get();
                assertThat(answer.statusCode()).as("query %d", i).isEqualTo(200);
                assertThat(answer.body()).as("query %d", i).contains("\"customer\":\"c" + (i % CUSTOMERS) + "\"")
                        .contains("\"orders\":" + ORDERS / CUSTOMERS);
            }
            assertThat(loadMillis).as("the queries waited for the stalled connections to be dropped").isGreaterThan(5_000);
            System.out.printf("%d queries behind %d stalled connections answered in %d ms; %d probes, slowest %d ms%n",
                    CONCURRENT_QUERIES, STALLED_CONNECTIONS, loadMillis, probeAnswers.size(),
                    probeAnswers.stream().mapToLong(answer -> answer[1]).max().orElse(-1));
            assertThat(probeAnswers).as("a probe every 100 ms while the load lasted").hasSizeGreaterThan(20);
            assertThat(probeAnswers).allSatisfy(answer -> {
                assertThat(answer[0]).as("status").isEqualTo(200);
                assertThat(answer[1]).as("milliseconds").isLessThan(1_000);
            });
            for (Socket socket : stalled) {
                socket.setSoTimeout(15_000);
                assertThat(endOfStream(socket)).as("the server closed a stalled connection").isTrue();
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            runner.stop();
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    }

    /** True when the peer closed the connection (an orderly close or a reset); false when it is still open. */
    static boolean endOfStream(Socket socket) throws IOException {
        try {
            // whatever the server wrote before closing, then the end of the stream
            socket.getInputStream().readAllBytes();
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line of a series with the app's tag and the given labels among the others: {@code name{..., a="b", ...} 1.0}. */
    static String series(String name, String labels) {
        // an average over a window without events is NaN
        return series(name, labels, "([-0-9.E]+|NaN)");
    }

    static String series(String name, String labels, String value) {
        // Micrometer sorts the labels by name: the app's tag may come anywhere
        return "(?m)^" + name + "\\{(?=[^}]*application=\"ops-it\")[^}]*" + labels + "[^}]*} " + value + "$";
    }

    /**
     * A new instance without local state restores the store from its changelog: the totals are back, and the log shows
     * each partition's restoration. The changelog is compacted, so how many records that takes lies between one per
     * customer and one per order.
     */
    void assertARestartOnAnEmptyStateDirRestoresAndLogsIt() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger trackerLog = (Logger) LoggerFactory.getLogger(RestorationTracker.class);
        trackerLog.addAppender(log);
        StreamsRunner runner = new StreamsRunner(new SampleApp(), Map.of(), System.out, System.err);
        Path config = config("state-2");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
        try {
            URI base = awaitServer(runner, exit);
            awaitReady(base);
            assertThat(json(get(base, "/health/ready").body()).path("restoring")).isEmpty();
            ReadOnlyKeyValueStore<String, CustomerTotal> totals = runner.streams().orElseThrow()
                    .store(StoreQueryParameters.fromNameAndType(SampleApp.STORE, QueryableStoreTypes.keyValueStore()));
            for (int customer = 0; customer < CUSTOMERS; customer++) {
                assertThat(totals.get("c" + customer).orders()).as("orders of c%d", customer).isEqualTo(ORDERS / CUSTOMERS);
            }
        } finally {
            trackerLog.detachAppender(log);
            runner.stop();
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);

        String changelog = ID + "-" + SampleApp.STORE + "-changelog";
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).filteredOn(line -> line.startsWith("Restoring store")).hasSize(PARTITIONS).allSatisfy(line ->
                assertThat(line).matches("Restoring store " + SampleApp.STORE + " from " + changelog + "-\\d: \\d+ offsets to restore .*"));
        long restored = lines.stream().filter(line -> line.startsWith("Restored store"))
                .peek(line -> assertThat(line).matches("Restored store " + SampleApp.STORE + " from " + changelog + "-\\d: \\d+ records in \\d+ ms"))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*: (\\d+) records.*", "$1")))
                .sum();
        assertThat(restored).as("records restored over both partitions").isBetween((long) CUSTOMERS, (long) ORDERS);
    }

    void assertReadyBodyOfARunningApp(HttpResponse<String> ready) throws IOException {
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode json = json(ready.body());
        assertThat(json.path("status").asText()).isEqualTo("UP");
        assertThat(json.path("state").asText()).isEqualTo("RUNNING");
        assertThat(json.path("restoring").isArray()).isTrue();
        assertThat(json.path("restoring")).isEmpty();
        JsonNode thread = json.path("threads").path(0);
        assertThat(thread.path("name").asText()).contains("StreamThread-1");
        assertThat(thread.path("state").asText()).isEqualTo("RUNNING");
        List<String> tasks = new ArrayList<>();
        thread.path("activeTasks").forEach(task -> tasks.add(task.asText()));
        // sub-topology 0 reads the orders, 1 the repartition topic; one task per partition each
        assertThat(tasks).containsExactly("0_0", "0_1", "1_0", "1_1");
        assertThat(thread.path("standbyTasks")).isEmpty();
    }

    Path config(String stateDir) throws IOException {
        Path file = dir.resolve(stateDir + ".properties");
        Files.writeString(file, String.join("\n",
                "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + ID,
                "state.dir=" + dir.resolve(stateDir),
                "topics.create=true",
                "topics.partitions=" + PARTITIONS,
                "topic.sample-orders=" + ID + "-orders",
                "topic.sample-totals=" + ID + "-totals",
                "shutdown.timeout=20s",
                // Streams does not leave the group on close: the restarted instance waits this long for the old one
                "session.timeout.ms=6000",
                "http.host=127.0.0.1",
                "http.port=0",
                ""));
        return file;
    }

    static URI awaitServer(StreamsRunner runner, CompletableFuture<Integer> exit) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> exit.isDone() || runner.httpAddress().isPresent());
        assertThat(exit).as("still running").isNotDone();
        return URI.create("http://127.0.0.1:" + runner.httpAddress().orElseThrow().getPort());
    }

    /** Polls readiness until 200 and returns the bodies of the 503 answers before it. */
    List<String> awaitReady(URI base) {
        List<String> notReady = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            HttpResponse<String> ready = get(base, "/health/ready");
            if (ready.statusCode() == 503) {
                notReady.add(ready.body());
            }
            return ready.statusCode() == 200;
        });
        return notReady;
    }

    HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws IOException {
        return JsonMappers.mapper().readTree(body);
    }
}
