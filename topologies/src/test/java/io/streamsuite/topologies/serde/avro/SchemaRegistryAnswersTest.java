package io.streamsuite.topologies.serde.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.streamsuite.schemaregistry.TestSchemaRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which registry answers are one record's problem (a dead letter) and which are the registry's (retry or stop). */
class SchemaRegistryAnswersTest {

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A registry that answers /schemas/ids/{id} with a fixed status and body per id. */
    private URI registry(Map<Integer, Map.Entry<Integer, String>> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Map.Entry<Integer, String> answer = answers.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
            byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.getKey(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static SchemaRegistryClient client(URI url, Clock clock) {
        return new SchemaRegistryClient(RegistryConfig.of(url).withRequestTimeout(Duration.ofSeconds(2)), clock);
    }

    @Test
    void aRequestErrorOnOneIdIsThatRecordsProblemAndRemembered() throws IOException {
        URI url = registry(Map.of(5, Map.entry(400, "{\"error_code\":400,\"message\":\"bad id\"}")));
        SchemaRegistryClient client = client(url, Clock.systemUTC());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.schemaById(5)).isInstanceOf(UndecodableAvroException.class)
                    .hasMessage("Schema id 5 cannot be read: HTTP 400 from " + url + "/schemas/ids/5");
        }
        assertThat(requests.get("/schemas/ids/5")).hasValue(1);
    }

    @Test
    void aSchemaWithReferencesThatCannotBeReadAloneIsThatRecordsProblem() throws IOException {
        String schema = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Order\\\",\\\"fields\\\":[{\\\"name\\\":\\\"customer\\\",\\\"type\\\":\\\"Customer\\\"}]}";
        URI url = registry(Map.of(6, Map.entry(200, "{\"schema\":\"" + schema + "\",\"references\":[{\"name\":\"Customer\","
                + "\"subject\":\"customer-value\",\"version\":1}]}")));
        SchemaRegistryClient client = client(url, Clock.systemUTC());

        assertThatThrownBy(() -> client.schemaById(6)).isInstanceOf(UndecodableAvroException.class)
                .hasMessageStartingWith("Schema id 6 from " + url + "/schemas/ids/6 cannot be read alone (it references"
                        + " other schemas, which this app does not resolve): ");
        assertThatThrownBy(() -> client.schemaById(6)).isInstanceOf(UndecodableAvroException.class);
        assertThat(requests.get("/schemas/ids/6")).hasValue(1);
    }

    @Test
    void refusedCredentialsAreTheRegistrysProblemNotTheRecords() throws IOException {
        URI url = registry(Map.of(7, Map.entry(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}")));

        assertThatThrownBy(() -> client(url, Clock.systemUTC()).schemaById(7)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void tooManyRequestsIsAnOutageToRetry() throws IOException {
        URI url = registry(Map.of(8, Map.entry(429, "{}")));

        assertThatThrownBy(() -> client(url, Clock.systemUTC()).schemaById(8))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void anUnknownIdIsAskedAgainOnlyAfterItsTimeToLive() {
        try (TestSchemaRegistry real = TestSchemaRegistry.start()) {
            MutableClock clock = new MutableClock();
            SchemaRegistryClient client = client(URI.create(real.url()), clock);
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> client.schemaById(77)).isInstanceOf(UndecodableAvroException.class)
                        .hasMessageStartingWith("Unknown schema id 77");
            }
            assertThat(real.requestCount("GET", "/schemas/ids/")).isEqualTo(1);

            clock.advance(SchemaRegistryClient.UNREADABLE_ID_TTL);
            assertThatThrownBy(() -> client.schemaById(77)).isInstanceOf(UndecodableAvroException.class);
            assertThat(real.requestCount("GET", "/schemas/ids/")).isEqualTo(2);
        }
    }

    @Test
    void unreadableIdsAreBounded() {
        UnreadableIds ids = new UnreadableIds(Duration.ofMinutes(1), 3, Clock.systemUTC());
        for (int id : List.of(1, 2, 3, 4)) {
            ids.remember(id, "unknown " + id);
        }
        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.reason(1)).isEmpty();
        assertThat(ids.reason(4)).contains("unknown 4");
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
