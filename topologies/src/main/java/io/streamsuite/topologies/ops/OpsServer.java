package io.streamsuite.topologies.ops;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.query.QueryRoutes;
import io.streamsuite.topologies.query.StoreQuery;
import io.streamsuite.topologies.query.StorePartitions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The operations surface of a running app: {@code GET /health/live}, {@code GET /health/ready}, {@code GET /metrics}
 * and the app's interactive queries on one {@link HttpEndpoints} server, and the address the instance announces to
 * the others.
 *
 * <p>The probes can also have a listener of their own ({@code http.probes.port}). The JDK server reads a request's
 * headers on its worker threads, before it knows the path, so no per-path thread pool can keep clients of the query
 * port from holding every thread: stalled connections (dropped only after {@code sun.net.httpserver.maxReqTime}) or
 * slow queries would fail the liveness probe and get the pod restarted. A second server has its own acceptor thread,
 * its own workers and its own connection count, none of which the query port's clients reach.
 */
public final class OpsServer implements AutoCloseable {

    /** Prometheus' text exposition format, which {@link AppMetrics#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * Where to listen and what to announce.
     *
     * @param host           the address to listen on
     * @param port           the port; 0 picks a free one
     * @param advertisedHost the host others reach this instance at; empty means this machine's host name
     * @param advertisedPort the port others reach this instance at; empty means the port listened on
     * @param probesPort     a second port for the health probes only (0 picks a free one); empty means none
     * @param auth           what the interactive queries require of a request; never the probes or {@code /metrics}
     */
    public record Settings(String host, int port, Optional<String> advertisedHost, Optional<Integer> advertisedPort,
                           Optional<Integer> probesPort, BearerAuth auth) {

        /** Without authentication. */
        public Settings(String host, int port, Optional<String> advertisedHost, Optional<Integer> advertisedPort,
                        Optional<Integer> probesPort) {
            this(host, port, advertisedHost, advertisedPort, probesPort, BearerAuth.off());
        }
    }

    /** Two: a probe answers in microseconds, and the kubelet sends at most a liveness and a readiness probe at a time. */
    static final int PROBE_THREADS = 2;

    private final HttpEndpoints endpoints;
    private final Optional<HttpEndpoints> probes;
    private final AppMetrics metrics;
    private final String applicationServer;

    private OpsServer(HttpEndpoints endpoints, Optional<HttpEndpoints> probes, AppMetrics metrics, String applicationServer) {
        this.endpoints = endpoints;
        this.probes = probes;
        this.metrics = metrics;
        this.applicationServer = applicationServer;
    }

    /**
     * Starts serving before the Streams client exists: until then the app is alive and not ready.
     *
     * @param configuredApplicationServer Streams' {@code application.server} if configured, which then wins over the
     *                                    advertised host and port; null to announce those
     * @param streams                     the client, or null before it is created
     * @param queries                     the app's interactive queries
     * @param storePartitions             how many partitions each queried store has
     * @throws io.streamsuite.topologies.config.InvalidConfigException in one line if the address cannot be listened on
     */
    public static OpsServer start(String appName, String applicationId, Settings settings, String configuredApplicationServer,
                                  Supplier<KafkaStreams> streams, RestorationTracker restoration, List<StoreQuery> queries,
                                  StorePartitions storePartitions) {
        if (configuredApplicationServer != null) {
            hostInfo(configuredApplicationServer);
        }
        AppMetrics metrics = new AppMetrics(applicationId);
        HealthEndpoints health = new HealthEndpoints(streams, restoration);
        // the port is known once bound (http.port=0), the routes only with it: queries get it through this holder
        AtomicReference<QueryRoutes> queryRoutes = new AtomicReference<>();
        Map<String, Route> probeRoutes = Map.of(
                "/health/live", request -> health.live(),
                "/health/ready", request -> health.ready());
        Map<String, Route> routes = new HashMap<>(probeRoutes);
        routes.put("/metrics", request -> HttpResponse.text(200, PROMETHEUS_TEXT, metrics.scrape()));
        for (StoreQuery query : queries) {
            Route route = settings.auth().protect(request -> queryRoutes.get() == null
                    ? HttpResponse.error(503, "starting").withHeader("Retry-After", "1")
                    : queryRoutes.get().answer(query, request));
            if (routes.put(query.path(), route) != null) {
                throw new IllegalArgumentException("two endpoints on " + query.path());
            }
        }
        HttpEndpoints endpoints = null;
        try {
            endpoints = HttpEndpoints.start(appName, settings.host(), settings.port(), routes);
            Optional<HttpEndpoints> probes = settings.probesPort().isEmpty() ? Optional.empty() : Optional.of(HttpEndpoints.start(
                    appName + "-probes", settings.host(), settings.probesPort().get(), "http.probes.port", PROBE_THREADS, probeRoutes));
            String host = settings.advertisedHost().orElseGet(OpsServer::localHostName);
            int port = settings.advertisedPort().orElse(endpoints.address().getPort());
            String applicationServer = configuredApplicationServer != null ? configuredApplicationServer : host + ":" + port;
            queryRoutes.set(new QueryRoutes(streams, hostInfo(applicationServer), storePartitions, settings.auth()));
            return new OpsServer(endpoints, probes, metrics, applicationServer);
        } catch (RuntimeException e) {
            if (endpoints != null) {
                endpoints.close();
            }
            metrics.close();
            throw e;
        }
    }

    /** Measures the client from now on; call before starting it. */
    public void bind(KafkaStreams client) {
        metrics.bind(client);
    }

    /** Where the server listens, with the actual port. */
    public InetSocketAddress address() {
        return endpoints.address();
    }

    /** Where the probes' own listener listens, with the actual port; empty when they have none. */
    public Optional<InetSocketAddress> probesAddress() {
        return probes.map(HttpEndpoints::address);
    }

    /** {@code host:port} for Streams' {@code application.server}: how other instances reach this one. */
    public String applicationServer() {
        return applicationServer;
    }

    @Override
    public void close() {
        probes.ifPresent(HttpEndpoints::close);
        endpoints.close();
        metrics.close();
    }

    private static HostInfo hostInfo(String applicationServer) {
        try {
            return HostInfo.buildFromEndpoint(applicationServer);
        } catch (ConfigException e) {
            throw new InvalidConfigException("application.server=" + applicationServer + " is not host:port");
        }
    }

    /** A container's host name is what its peers resolve; "localhost" only when the machine cannot name itself. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
