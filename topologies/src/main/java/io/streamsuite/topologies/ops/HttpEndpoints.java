package io.streamsuite.topologies.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's {@link HttpServer}: {@code GET} routes by path ({@code /health/ready},
 * {@code /cards/{cardId}}), and JSON for every failure ({@code 400} a malformed path or query, {@code 404} unknown
 * path, {@code 405} another method, {@code 500} an endpoint that threw), so that no caller ever sees a stack trace.
 * Its threads are daemons: a server left open never keeps the JVM alive.
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

    static {
        // before this class creates the JVM's first JDK server, which reads its limits once
        HttpServerLimits.applyTo(System.getProperties());
    }

    /**
     * Probes, scrapes and queries. A query may wait for a peer that is at the same time waiting for this instance, so
     * there are enough threads that both can still answer each other under a few concurrent requests.
     */
    static final int THREADS = 8;

    private record NotFound(String error, List<String> endpoints) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Map.Entry<PathTemplate, Route>> routes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InetSocketAddress address;

    private HttpEndpoints(HttpServer server, ExecutorService executor, List<Map.Entry<PathTemplate, Route>> routes) {
        this.server = server;
        this.address = server.getAddress();
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Binds and starts serving.
     *
     * @param name   names the server's threads
     * @param port   0 picks a free port; {@link #address()} tells which
     * @param routes by path; a path with {@code {name}} segments matches when no literal path does
     * @throws InvalidConfigException in one line if the address cannot be listened on (port taken, unknown host, ...)
     */
    public static HttpEndpoints start(String name, String host, int port, Map<String, Route> routes) {
        return start(name, host, port, "http.port", THREADS, routes);
    }

    /**
     * Binds and starts serving on threads of its own, which no other server's clients can hold.
     *
     * @param portSetting the setting {@code port} comes from, for the message when it cannot be listened on
     * @param threads     how many requests are answered at once
     */
    static HttpEndpoints start(String name, String host, int port, String portSetting, int threads, Map<String, Route> routes) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        String where = "Cannot listen on " + host + ":" + port + " (http.host, " + portSetting + "): ";
        if (address.isUnresolved()) {
            throw new InvalidConfigException(where + "unknown host " + host + "; set http.host to an address of this machine");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new InvalidConfigException(where + e.getMessage()
                    + "; stop what uses the port, choose another " + portSetting + " (0 picks a free one) or set http.enabled=false", e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpEndpoints endpoints = new HttpEndpoints(server, executor, ordered(routes));
        server.createContext("/", endpoints::handle);
        server.setExecutor(executor);
        server.start();
        return endpoints;
    }

    /** Where the server listens, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** Literal paths first, then templates; each group sorted, which also orders the list a 404 shows. */
    private static List<Map.Entry<PathTemplate, Route>> ordered(Map<String, Route> routes) {
        List<Map.Entry<PathTemplate, Route>> list = new ArrayList<>();
        new TreeMap<>(routes).forEach((path, route) -> list.add(Map.entry(PathTemplate.parse(path), route)));
        list.sort(Comparator.comparing((Map.Entry<PathTemplate, Route> entry) -> !entry.getKey().isLiteral()));
        return List.copyOf(list);
    }

    /**
     * The answer to a request, which never throws.
     *
     * @param target  the path and query string as sent, percent-encoded
     * @param headers by lower-case name
     */
    HttpResponse respond(String method, String target, Map<String, String> headers) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        Map<String, String> queryParams;
        try {
            queryParams = parseQuery(query);
        } catch (IllegalArgumentException e) {
            return HttpResponse.error(400, "malformed query string: " + e.getMessage());
        }
        for (Map.Entry<PathTemplate, Route> entry : routes) {
            Optional<Map<String, String>> pathParams;
            try {
                pathParams = entry.getKey().match(path);
            } catch (IllegalArgumentException e) {
                return HttpResponse.error(400, "malformed path: " + e.getMessage());
            }
            if (pathParams.isPresent()) {
                return answer(method, entry.getKey(), entry.getValue(), new HttpRequest(target, pathParams.get(), queryParams, headers));
            }
        }
        return HttpResponse.json(404, new NotFound("no endpoint " + path, routes.stream().map(entry -> entry.getKey().toString()).toList()));
    }

    private static HttpResponse answer(String method, PathTemplate path, Route route, HttpRequest request) {
        if (!"GET".equals(method)) {
            return HttpResponse.error(405, "method " + method + " not allowed on " + path + "; use GET").withHeader("Allow", "GET");
        }
        try {
            return route.get(request);
        } catch (Exception e) {
            LOG.warn("GET {} failed", request.target(), e);
            return HttpResponse.error(500, "internal error: " + oneLine(e));
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            HttpResponse response = respond(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()), headers);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        } catch (IOException | RuntimeException e) {
            // the caller hung up, or the response could not be built: nothing more can be sent
            LOG.debug("Could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    /** Stops listening at once (a shutdown does not wait for a scrape); more calls do nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
