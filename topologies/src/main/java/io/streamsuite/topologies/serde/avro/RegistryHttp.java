package io.streamsuite.topologies.serde.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to a Confluent-compatible registry, with failover: each request goes to the URL that answered last,
 * and on a connection failure, a timeout or a 5xx answer to the next one; a whole round over the URLs is tried a few
 * times with a short pause before the registry counts as unavailable. A 4xx answer is the registry's verdict and is
 * returned, never retried.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int ROUNDS = 3;
    private static final Duration PAUSE = Duration.ofMillis(200);

    /** An answer with a status below 500. */
    record Answer(int status, JsonNode body, URI url) {
    }

    private final List<URI> urls;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger current = new AtomicInteger();

    RegistryHttp(RegistryConfig config) {
        this.urls = config.urls().stream().map(RegistryHttp::withoutUserInfo).toList();
        this.authorization = config.userInfo().or(() -> config.urls().stream()
                        .map(URI::getRawUserInfo).filter(info -> info != null && !info.isEmpty()).findFirst()
                        .map(info -> java.net.URLDecoder.decode(info, StandardCharsets.UTF_8)))
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.timeout = config.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    private Answer send(String method, String path, JsonNode body) {
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                pause();
            }
            int start = current.get();
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                URI url = resolve(urls.get(index), path);
                try {
                    HttpResponse<byte[]> response = http.send(request(method, url, body), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() >= 500) {
                        failures.add(url + ": HTTP " + response.statusCode() + " " + message(response.body()));
                        continue;
                    }
                    current.set(index);
                    return new Answer(response.statusCode(), parse(url, response), url);
                } catch (HttpTimeoutException e) {
                    last = e;
                    failures.add(url + ": no answer within " + timeout.toMillis() + " ms");
                } catch (IOException e) {
                    last = e;
                    failures.add(url + ": " + describe(e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryUnavailableException("Interrupted while asking the schema registry " + url, e);
                }
            }
        }
        throw new SchemaRegistryUnavailableException("Schema registry unreachable (" + ROUNDS + " attempts at "
                + urls.size() + " URL(s), schema.registry.url): " + failures.get(failures.size() - 1), last);
    }

    private HttpRequest request(String method, URI url, JsonNode body) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.GET().build();
        }
        return builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }

    private JsonNode parse(URI url, HttpResponse<byte[]> response) {
        try {
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + url + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON: is schema.registry.url the registry's base URL?",
                    response.statusCode(), 0);
        }
    }

    private String message(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    /** Credentials in a URL go into the Authorization header, never into request lines or messages. */
    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority().substring(url.getRawAuthority().indexOf('@') + 1)
                + (url.getRawPath() == null ? "" : url.getRawPath()));
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
