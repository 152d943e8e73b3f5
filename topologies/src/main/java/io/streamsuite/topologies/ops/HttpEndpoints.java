package io.streamsuite.topologies.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's {@link HttpServer}: {@code GET} routes by exact path, and JSON for every failure
 * ({@code 404} unknown path, {@code 405} another method, {@code 500} an endpoint that threw), so that no caller ever
 * sees a stack trace. Its threads are daemons: a server left open never keeps the JVM alive.
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

    /** Probes and a scrape now and then; two threads keep a slow scrape from delaying a probe. */
    private static final int THREADS = 2;

    private record NotFound(String error, Set<String> endpoints) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> routes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InetSocketAddress address;

    private HttpEndpoints(HttpServer server, ExecutorService executor, Map<String, Route> routes) {
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
     * @throws InvalidConfigException in one line if the address cannot be listened on (port taken, unknown host, ...)
     */
    public static HttpEndpoints start(String name, String host, int port, Map<String, Route> routes) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        String where = "Cannot listen on " + host + ":" + port + " (http.host, http.port): ";
        if (address.isUnresolved()) {
            throw new InvalidConfigException(where + "unknown host " + host + "; set http.host to an address of this machine");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new InvalidConfigException(where + e.getMessage()
                    + "; stop what uses the port, choose another http.port (0 picks a free one) or set http.enabled=false", e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, name + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpEndpoints endpoints = new HttpEndpoints(server, executor, new TreeMap<>(routes));
        server.createContext("/", endpoints::handle);
        server.setExecutor(executor);
        server.start();
        return endpoints;
    }

    /** Where the server listens, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** The answer to a request, which never throws. */
    HttpResponse respond(String method, String path) {
        Route route = routes.get(path);
        if (route == null) {
            return HttpResponse.json(404, new NotFound("no endpoint " + path, routes.keySet()));
        }
        if (!"GET".equals(method)) {
            return HttpResponse.error(405, "method " + method + " not allowed on " + path + "; use GET").withHeader("Allow", "GET");
        }
        try {
            return route.get();
        } catch (Exception e) {
            LOG.warn("GET {} failed", path, e);
            return HttpResponse.error(500, "internal error: " + oneLine(e));
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            HttpResponse response = respond(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
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
