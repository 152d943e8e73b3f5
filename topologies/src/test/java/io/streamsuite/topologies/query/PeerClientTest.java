package io.streamsuite.topologies.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.ops.BearerAuth;
import io.streamsuite.topologies.ops.HttpEndpoints;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query passed on to a peer carries the token that the peer, like every instance of the app, requires. */
class PeerClientTest {

    static final String TOKEN = "shared-token-0123456789";

    HttpEndpoints peer;
    HostInfo peerHost;
    final HostInfo self = new HostInfo("127.0.0.1", 1);

    @BeforeEach
    void startPeer() {
        // a peer that requires the token, and says which partitions it answered from
        peer = HttpEndpoints.start("peer", "127.0.0.1", 0, Map.of("/customers", BearerAuth.withToken(TOKEN).protect(request ->
                HttpResponse.json(200, java.util.List.of()).withHeader(ListGathering.PARTITIONS, "1,3")
                        .withHeader(QueryRoutes.SERVED_BY, "peer:1"))));
        peerHost = new HostInfo("127.0.0.1", peer.address().getPort());
    }

    @AfterEach
    void stopPeer() {
        peer.close();
    }

    @Test
    void aForwardedQueryCarriesTheTokenAndBringsBackWhoAnsweredFromWhichPartitions() {
        HttpResponse answer = new PeerClient(Duration.ofSeconds(5), self, BearerAuth.withToken(TOKEN)).get(peerHost, request());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry(ListGathering.PARTITIONS, "1,3").containsEntry(QueryRoutes.SERVED_BY, "peer:1");
    }

    @Test
    void aPeerThatRefusesThisInstancesTokenIs503NamingTheSetting() {
        for (BearerAuth auth : new BearerAuth[] {BearerAuth.off(), BearerAuth.withToken("another-token-0123456789")}) {
            HttpResponse answer = new PeerClient(Duration.ofSeconds(5), self, auth).get(peerHost, request());
            assertThat(answer.status()).as(auth.toString()).isEqualTo(503);
            assertThat(answer.headers()).containsEntry("Retry-After", "1");
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("every instance of the app needs the same http.auth.token");
        }
    }

    private static HttpRequest request() {
        return new HttpRequest("/customers?limit=5", Map.of(), Map.of("limit", "5"), Map.of());
    }
}
