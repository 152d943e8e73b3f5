package io.streamsuite.topologies.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code GET} request as a route sees it.
 *
 * @param target      the path and query string exactly as sent (still percent-encoded), for passing the request on
 * @param pathParams  the values of the route's {@code {name}} segments, decoded
 * @param queryParams the query string's parameters, decoded; the first value of a repeated one
 * @param headers     request headers by lower-case name; the first value of a repeated one
 */
public record HttpRequest(String target, Map<String, String> pathParams, Map<String, String> queryParams,
                          Map<String, String> headers) {

    public HttpRequest {
        pathParams = Map.copyOf(pathParams);
        queryParams = Map.copyOf(queryParams);
        headers = Map.copyOf(headers);
    }

    /** The value of the route's {@code {name}} segment. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no {" + name + "} segment");
        }
        return value;
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(queryParams.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
