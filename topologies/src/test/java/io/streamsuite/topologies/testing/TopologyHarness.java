package io.streamsuite.topologies.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.runtime.StreamsApp;
import io.streamsuite.topologies.serde.JsonMappers;
import io.streamsuite.topologies.serde.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Runs an app's real topology, configured by the real config path, in a {@link TopologyTestDriver}. One harness per
 * test; close it after (try-with-resources). Topics come from the app's production {@link TopicSpec}s.
 */
public final class TopologyHarness implements AutoCloseable {

    /** Wall-clock start of every harness, so tests are reproducible. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ConfiguredApp configured;
    private final TopologyTestDriver driver;
    private final Map<DeadLetterCounter.Key, Long> deadLettersAtStart = DeadLetterCounter.snapshot();

    private TopologyHarness(ConfiguredApp configured) {
        this.configured = configured;
        Properties props = configured.streamsProperties();
        // the driver keeps state in memory per test; a unique dir keeps parallel test JVMs apart
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/harness-" + System.nanoTime());
        this.driver = new TopologyTestDriver(configured.topology(), props, START);
    }

    /** The app with its defaults and the given properties, as if they were its properties file. */
    public static TopologyHarness of(StreamsApp app, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>();
        all.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "harness:9092");
        all.putAll(properties);
        return new TopologyHarness(ConfiguredApp.of(app, all));
    }

    /** The app with its defaults only. */
    public static TopologyHarness of(StreamsApp app) {
        return of(app, Map.of());
    }

    /** What the topology was built from; pass it to the app's topic-spec factories. */
    public AppContext context() {
        return configured.context();
    }

    public <K, V> TestInputTopic<K, V> input(TopicSpec<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Raw bytes into a topic: for records the app's serializers could never produce. */
    public TestInputTopic<byte[], byte[]> rawInput(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public <K, V> TestOutputTopic<K, V> output(TopicSpec<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /**
     * How many records of a source topic were dead-lettered for a reason ({@link DeadLetterCounter#INVALID},
     * {@link DeadLetterCounter#UNDECODABLE}) since this harness started. Whether the driver writes the dead-letter
     * records of the deserialization path depends on the processing guarantee (Kafka 4.4's wrote them under
     * {@code at_least_once} and not under {@code exactly_once_v2}), so tests count them here and check the records
     * themselves against a real broker.
     */
    public long deadLettered(String sourceTopic, String reason) {
        DeadLetterCounter.Key key = new DeadLetterCounter.Key(sourceTopic, reason);
        return DeadLetterCounter.snapshot().getOrDefault(key, 0L) - deadLettersAtStart.getOrDefault(key, 0L);
    }

    /** For store inspection and wall-clock punctuation. */
    /**
     * What the app's HTTP endpoint for the query answers on the instance that holds the data: its lookup on the driver's
     * store, serialized as the endpoint serializes it.
     *
     * @param path the path as requested, e.g. {@code /cards/card-1}, with any query string
     */
    public JsonAnswer ask(String path) {
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (StoreQuery query : configured.app().queries(configured.context())) {
            Optional<Map<String, String>> pathParams = matchPath(query.path(), rawPath);
            if (pathParams.isPresent()) {
                HttpResponse answer = query.answerLocally(store(query), new HttpRequest(path, pathParams.get(), queryParams(path), Map.of()));
                return new JsonAnswer(answer.status(), readJson(answer.body()));
            }
        }
        throw new IllegalArgumentException("no query of " + configured.app().name() + " answers " + path);
    }

    /** A query's status and JSON body. */
    public record JsonAnswer(int status, JsonNode body) {
    }

    private Object store(StoreQuery query) {
        QueryableStoreType<?> type = query.storeType();
        if (type instanceof QueryableStoreTypes.KeyValueStoreType) {
            return driver.getKeyValueStore(query.storeName());
        }
        if (type instanceof QueryableStoreTypes.WindowStoreType) {
            return driver.getWindowStore(query.storeName());
        }
        if (type instanceof QueryableStoreTypes.SessionStoreType) {
            return driver.getSessionStore(query.storeName());
        }
        throw new IllegalArgumentException("the harness cannot ask a store of type " + type);
    }

    /** Path parameters by matching segment by segment; test paths are plain, without percent-encoding. */
    private static Optional<Map<String, String>> matchPath(String template, String path) {
        String[] wanted = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (wanted.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].startsWith("{")) {
                params.put(wanted[i].substring(1, wanted[i].length() - 1), actual[i]);
            } else if (!wanted[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static Map<String, String> queryParams(String path) {
        Map<String, String> params = new HashMap<>();
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                params.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return params;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JsonMappers.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
