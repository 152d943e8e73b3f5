package io.streamsuite.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.ops.HttpServerLimits;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP side, on the JDK's server: the page and its scripts, the snapshot as JSON, one device's detail,
 * and {@code /events}, a Server-Sent Events stream that pushes a new snapshot every second. Browsers reconnect to an
 * event stream by themselves, so a restarted dashboard is picked up without a reload.
 */
final class DashboardServer implements AutoCloseable {

    /** How often a snapshot is pushed to each open page. */
    static final Duration PUSH_EVERY = Duration.ofSeconds(1);
    /** Pages open at once; each holds a thread for its stream. */
    static final int MAX_STREAMS = 32;
    /** Threads for everything else (the page, its scripts, snapshots); more requests wait in line for one. */
    static final int REQUEST_THREADS = 8;

    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.4.7/dist/chart.umd.js";
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"/dashboard/index.html", "text/html; charset=utf-8"},
            "/dashboard.js", new String[] {"/dashboard/dashboard.js", "text/javascript; charset=utf-8"},
            "/dashboard.css", new String[] {"/dashboard/dashboard.css", "text/css; charset=utf-8"},
            "/vendor/chart.umd.js", new String[] {CHART_JS, "text/javascript; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final SuiteView view;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private volatile boolean closed;

    private DashboardServer(HttpServer server, ExecutorService executor, SuiteView view) {
        this.server = server;
        this.executor = executor;
        this.view = view;
    }

    /** @throws InvalidConfigException in one line if the address cannot be listened on */
    static DashboardServer start(String host, int port, SuiteView view) {
        HttpServer server;
        // the apps' limits and TCP_NODELAY, before the JVM's first JDK server reads them
        HttpServerLimits.applyTo(System.getProperties());
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new InvalidConfigException("Cannot listen on " + host + ":" + port + " (http.host, http.port): " + e.getMessage()
                    + "; stop what uses the port or choose another http.port (0 picks a free one)", e);
        }
        AtomicInteger count = new AtomicInteger();
        // bounded: every open page holds a thread for its event stream, and the rest share a few, so that no number of
        // clients can make the dashboard start threads without end
        ExecutorService executor = Executors.newFixedThreadPool(MAX_STREAMS + REQUEST_THREADS, task -> {
            Thread thread = new Thread(task, "dashboard-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        DashboardServer dashboard = new DashboardServer(server, executor, view);
        server.createContext("/", dashboard::handle);
        server.setExecutor(executor);
        server.start();
        return dashboard;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", error("use GET"));
            } else if (path.equals("/events")) {
                stream(exchange);
            } else if (path.equals("/api/snapshot")) {
                send(exchange, 200, "application/json", json(view.snapshot()));
            } else if (path.startsWith("/api/devices/")) {
                String id = URLDecoder.decode(path.substring("/api/devices/".length()), StandardCharsets.UTF_8);
                var detail = view.device(id);
                if (detail.isPresent()) {
                    send(exchange, 200, "application/json", json(detail.get()));
                } else {
                    send(exchange, 404, "application/json", error("no device " + id + " seen"));
                }
            } else if (STATIC.containsKey(path)) {
                String[] resource = STATIC.get(path);
                send(exchange, 200, resource[1], resource(resource[0]));
            } else {
                send(exchange, 404, "application/json", error("no page " + path));
            }
        } catch (IOException | RuntimeException e) {
            // the page went away mid-answer; nothing more to send
        }
    }

    /** Pushes the snapshot every second until the page goes away or the dashboard stops. */
    private void stream(HttpExchange exchange) throws IOException {
        if (!streams.tryAcquire()) {
            send(exchange, 503, "application/json", error("too many open pages (" + MAX_STREAMS + ")"));
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            // how long the browser waits before reconnecting after the stream breaks
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            while (!closed) {
                out.write(("data: " + new String(json(view.snapshot()), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(PUSH_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] json(Object value) {
        try {
            return JsonMappers.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] error(String message) {
        return json(Map.of("error", message));
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
