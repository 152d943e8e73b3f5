package io.streamsuite.topologies.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.query.StorePartitions;
import io.streamsuite.topologies.query.StoreQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code http.auth.token} set the queries need it, and the probes and {@code /metrics} never do. */
class BearerAuthTest {

    static final String TOKEN = "s3cret-token-0123456789";

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    OpsServer server;

    @BeforeEach
    void start() {
        StoreQuery query = StoreQuery.byKey("/cards/{cardId}", "store", QueryableStoreTypes.keyValueStore(), (store, key) -> Optional.empty());
        OpsServer.Settings settings = new OpsServer.Settings("127.0.0.1", 0, Optional.of("127.0.0.1"), Optional.empty(),
                Optional.of(0), BearerAuth.withToken(TOKEN));
        server = OpsServer.start("test", "test-app", settings, null, () -> null, new RestorationTracker(), List.of(query),
                StorePartitions.unknown());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aQueryWithoutTheTokenIs401WithAChallengeAndAJsonError() throws Exception {
        var response = get(server.address().getPort(), "/cards/c1", Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"this endpoint needs an Authorization: Bearer <token> header\"}");
    }

    @Test
    void aWrongTokenOrSchemeIs401AndTheAnswerQuotesNoToken() throws Exception {
        for (String authorization : List.of("Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Bearer x",
                "Basic " + TOKEN, TOKEN)) {
            var response = get(server.address().getPort(), "/cards/c1", Map.of("Authorization", authorization));
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(authorization).startsWith("Bearer");
            assertThat(response.body()).as(authorization).doesNotContain(TOKEN.substring(1, 10));
        }
    }

    @Test
    void theRightTokenPassesToTheQuery() throws Exception {
        for (String authorization : List.of("Bearer " + TOKEN, "bearer " + TOKEN, "  Bearer   " + TOKEN + " ")) {
            var response = get(server.address().getPort(), "/cards/c1", Map.of("Authorization", authorization.strip()));
            // past authentication: the query answers that the app is starting (no Streams client in this test)
            assertThat(response.statusCode()).as(authorization).isEqualTo(503);
            assertThat(response.body()).contains("starting");
        }
    }

    @Test
    void probesAndMetricsNeedNoToken() throws Exception {
        int port = server.address().getPort();
        assertThat(get(port, "/health/live", Map.of()).statusCode()).isEqualTo(200);
        assertThat(get(port, "/health/ready", Map.of()).statusCode()).isEqualTo(503); // not ready, but not refused
        assertThat(get(port, "/metrics", Map.of()).statusCode()).isEqualTo(200);
        int probes = server.probesAddress().orElseThrow().getPort();
        assertThat(get(probes, "/health/live", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenEveryRequestPasses() throws Exception {
        HttpRequest request = new HttpRequest("/cards/c1", Map.of(), Map.of(), Map.of());
        assertThat(BearerAuth.off().refusal(request)).isEmpty();
        assertThat(BearerAuth.off().authorization()).isEmpty();
        assertThat(BearerAuth.withToken(TOKEN).refusal(request)).isPresent();
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(BearerAuth.withToken(TOKEN).toString()).doesNotContain(TOKEN).isEqualTo("BearerAuth[token set]");
        assertThat(new OpsServer.Settings("h", 1, Optional.empty(), Optional.empty(), Optional.empty(), BearerAuth.withToken(TOKEN))
                .toString()).doesNotContain(TOKEN);
    }

    private java.net.http.HttpResponse<String> get(int port, String path, Map<String, String> headers) throws Exception {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        return client.send(builder.GET().build(), BodyHandlers.ofString());
    }
}
