package io.streamsuite.topologies.ops;

/** A {@code GET} endpoint. Whatever it throws becomes a 500 with a one-line JSON error, never a stack trace. */
@FunctionalInterface
public interface Route {

    HttpResponse get(HttpRequest request) throws Exception;
}
