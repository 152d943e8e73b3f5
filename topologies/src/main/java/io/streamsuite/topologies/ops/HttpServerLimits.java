package io.streamsuite.topologies.ops;

import java.util.Map;
import java.util.Properties;

/**
 * The limits of the JDK's HTTP server, and its TCP_NODELAY, which it reads from system properties once per JVM, when
 * the first server is created. Without the limits a request may take for ever to arrive: a client that sends one byte
 * and stalls holds one of the server's threads (the JDK parses the request line and headers on them) until the JVM
 * stops. Each is set only when absent, so an operator can still choose another value with {@code -D} in
 * {@code JAVA_OPTS}.
 */
public final class HttpServerLimits {

    /** Seconds a request's line, headers and body may take to arrive; the server then closes the connection. */
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** Seconds a response may take to be sent, so that a client that stops reading frees its thread too. */
    static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    /** Open connections per server; more are closed as they are accepted. Since JDK 17.0.x, 18. */
    static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
    static final String MAX_REQUEST_HEADERS = "sun.net.httpserver.maxReqHeaders";
    /** Bytes of all request headers together (names, values and a 32-byte overhead each). */
    static final String MAX_REQUEST_HEADER_SIZE = "sun.net.httpserver.maxReqHeaderSize";
    /** Seconds an idle kept-alive connection stays open. */
    static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    /**
     * TCP_NODELAY on every connection. The server sends an answer's headers and its body in two writes; without it,
     * Nagle's algorithm holds the body until the client's delayed acknowledgement of the headers, so every request on
     * a kept-alive connection took 40 ms more (47 ms against 2.6 ms per request, measured with the JDK's client).
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /** What an app's queries, probes and scrapes need, with room; far below what a misbehaving client would hold. */
    static final Map<String, String> DEFAULTS = Map.of(MAX_REQUEST_TIME, "10", MAX_RESPONSE_TIME, "30",
            MAX_CONNECTIONS, "512", MAX_REQUEST_HEADERS, "64", MAX_REQUEST_HEADER_SIZE, "16384", IDLE_INTERVAL, "30",
            NO_DELAY, "true");

    private HttpServerLimits() {
    }

    /** Sets each limit not set already; call before the JVM's first JDK HTTP server is created. */
    public static void applyTo(Properties systemProperties) {
        DEFAULTS.forEach(systemProperties::putIfAbsent);
    }
}
