package io.streamsuite.topologies.query;

import io.streamsuite.topologies.ops.BearerAuth;
import io.streamsuite.topologies.ops.HttpRequest;
import io.streamsuite.topologies.ops.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    private final BearerAuth auth;
    /** What a peer's answer brings back besides status, type and body: who answered, from which partitions. */
    private static final List<String> PASSED_BACK = List.of(QueryRoutes.SERVED_BY, ListGathering.PARTITIONS);

    /**
     * @param timeout how long the whole exchange with a peer may take: connecting, sending, and reading the whole
     *                answer (Java's request timeout alone stops at the answer's headers, and a peer that then sends
     *                its body a byte at a time would hold this instance's thread as long as it likes)
     * @param self    this instance, announced to the peer so that it answers from its own state and never forwards again
     * @param auth    the token this instance's peers require, as they all share it
     */
    PeerClient(Duration timeout, HostInfo self, BearerAuth auth) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.self = QueryRoutes.address(self);
        this.auth = auth;
    }

    /** The peer's answer to the same request; a 503 naming the peer when it cannot be reached or does not answer. */
    HttpResponse get(HostInfo peer, HttpRequest request) {
        String address = QueryRoutes.address(peer);
        URI uri = URI.create("http://" + address + request.target());
        CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange = null;
        try {
            java.net.http.HttpRequest.Builder forwarded = java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header(QueryRoutes.FORWARDED_BY, self)
                    .GET();
            auth.authorization().ifPresent(value -> forwarded.header("Authorization", value));
            exchange = http.sendAsync(forwarded.build(), BodyHandlers.ofByteArray());
            var answer = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() == 401) {
                // the client was let in here, so the instances disagree on the token: not the client's fault
                return QueryRoutes.unavailable("instance " + address + ", which holds the data, refused this instance's"
                        + " token: every instance of the app needs the same http.auth.token");
            }
            String contentType = answer.headers().firstValue("Content-Type").orElse("application/json");
            Map<String, String> headers = new HashMap<>();
            PASSED_BACK.forEach(name -> answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value)));
            return new HttpResponse(answer.statusCode(), contentType, answer.body(), headers);
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
