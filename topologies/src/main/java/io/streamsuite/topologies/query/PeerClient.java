package io.streamsuite.topologies.query;

import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/** Passes a query on to another instance of the app and brings its answer back as it is. */
final class PeerClient {

    private final HttpClient http;
    private final Duration timeout;
    private final String self;

    /**
     * @param timeout how long a peer may take to connect, and then to answer
     * @param self    this instance, announced to the peer so that it answers from its own state and never forwards again
     */
    PeerClient(Duration timeout, HostInfo self) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.self = QueryRoutes.address(self);
    }

    /** The peer's answer to the same request; a 503 naming the peer when it cannot be reached or does not answer. */
    HttpResponse get(HostInfo peer, HttpRequest request) {
        String address = QueryRoutes.address(peer);
        URI uri = URI.create("http://" + address + request.target());
        try {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header(QueryRoutes.FORWARDED_BY, self)
                    .GET()
                    .build(), BodyHandlers.ofByteArray());
            String contentType = answer.headers().firstValue("Content-Type").orElse("application/json");
            HttpResponse response = new HttpResponse(answer.statusCode(), contentType, answer.body(), Map.of());
            return answer.headers().firstValue(QueryRoutes.SERVED_BY)
                    .map(servedBy -> response.withHeader(QueryRoutes.SERVED_BY, servedBy))
                    .orElse(response);
        } catch (IOException e) {
            return QueryRoutes.unavailable("instance " + address + ", which holds the data, did not answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return QueryRoutes.unavailable("interrupted while asking instance " + address);
        } catch (IllegalArgumentException e) {
            return QueryRoutes.unavailable("instance " + address + " announces an address that is not a valid URL host");
        }
    }
}
