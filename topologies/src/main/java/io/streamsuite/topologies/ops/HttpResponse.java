package io.streamsuite.topologies.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamsuite.topologies.serde.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an endpoint answers.
 *
 * @param status      the HTTP status code
 * @param contentType the {@code Content-Type} header
 * @param body        the body, never empty
 * @param headers     further headers
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON body: a record or map serialized by the suite's mapper (nulls left out). */
    public static HttpResponse json(int status, Object body) {
        try {
            return new HttpResponse(status, "application/json", JsonMappers.mapper().writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** {@code {"error": message}}: the one shape every failure takes. */
    public static HttpResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    /** A text body in UTF-8. */
    public static HttpResponse text(int status, String contentType, String body) {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The same response with one more header. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, more);
    }
}
