package io.streamsuite.topologies.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The optional bearer token ({@code http.auth.token}) that the interactive queries require. The probes and
 * {@code /metrics} are never wrapped: the kubelet and Prometheus do not send it.
 *
 * <p>Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}: comparing digests of equal length takes
 * the same time whatever the token presented, so neither its content nor its length can be learnt by timing answers.
 * {@link #toString()} never shows the token.
 */
public final class BearerAuth {

    private static final String SCHEME = "bearer ";

    private final String token;
    private final byte[] digest;

    private BearerAuth(String token) {
        this.token = token;
        this.digest = token == null ? null : sha256(token);
    }

    /** Every request passes: {@code http.auth.token} is not set. */
    public static BearerAuth off() {
        return new BearerAuth(null);
    }

    /** Requests must carry {@code Authorization: Bearer <token>}. */
    public static BearerAuth withToken(String token) {
        return new BearerAuth(Objects.requireNonNull(token, "token"));
    }

    /** {@link #withToken} when the token is present, else {@link #off()}. */
    public static BearerAuth of(Optional<String> token) {
        return token.map(BearerAuth::withToken).orElseGet(BearerAuth::off);
    }

    public boolean enabled() {
        return token != null;
    }

    /** The {@code Authorization} header value an instance sends when it passes a query on to a peer. */
    public Optional<String> authorization() {
        return Optional.ofNullable(token).map(value -> "Bearer " + value);
    }

    /** The route, answering 401 first unless the request carries the token. */
    public Route protect(Route route) {
        if (!enabled()) {
            return route;
        }
        return request -> {
            Optional<HttpResponse> refused = refusal(request);
            return refused.isPresent() ? refused.get() : route.get(request);
        };
    }

    /** The 401 a request gets for a missing or wrong token; empty when it may pass. */
    public Optional<HttpResponse> refusal(HttpRequest request) {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.of(HttpResponse.error(401, "this endpoint needs an Authorization: Bearer <token> header")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        String value = header.get().strip();
        boolean bearer = value.length() > SCHEME.length() && value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME);
        if (!bearer) {
            return Optional.of(HttpResponse.error(401, "the Authorization header must use the Bearer scheme")
                    .withHeader("WWW-Authenticate", "Bearer"));
        }
        byte[] presented = sha256(value.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(digest, presented)) {
            // the reason says nothing of the token: neither what was sent nor what is expected
            return Optional.of(HttpResponse.error(401, "invalid bearer token")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? "BearerAuth[token set]" : "BearerAuth[off]";
    }
}
