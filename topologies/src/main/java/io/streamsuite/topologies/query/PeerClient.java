package io.streamsuite.topologies.query;

import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;

/** Passes a query on to another instance of the app and brings its answer back as it is. */
final class PeerClient {

    private final HttpClient http;
    private final Duration timeout;
    private final String self;

    /**
     * @param timeout how long the whole exchange with a peer may take: connecting, sending, and reading the whole
     *                answer (Java's request timeout alone stops at the answer's headers, and a peer that then sends
     *                its body a byte at a time would hold this instance's thread as long as it likes)
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
        CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange = null;
        try {
            exchange = http.sendAsync(java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header(QueryRoutes.FORWARDED_BY, self)
                    .GET()
                    .build(), BodyHandlers.ofByteArray());
            var answer = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String contentType = answer.headers().firstValue("Content-Type").orElse("application/json");
            HttpResponse response = new HttpResponse(answer.statusCode(), contentType, answer.body(), Map.of());
            return answer.headers().firstValue(QueryRoutes.SERVED_BY)
                    .map(servedBy -> response.withHeader(QueryRoutes.SERVED_BY, servedBy))
                    .orElse(response);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return QueryRoutes.unavailable("instance " + address + ", which holds the data, did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return QueryRoutes.unavailable("instance " + address + ", which holds the data, did not answer: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return QueryRoutes.unavailable("interrupted while asking instance " + address);
        } catch (IllegalArgumentException e) {
            return QueryRoutes.unavailable("instance " + address + " announces an address that is not a valid URL host");
        }
    }
}
