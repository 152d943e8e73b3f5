package io.streamsuite.topologies.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations surface of a running app: {@code GET /health/live}, {@code GET /health/ready} and
 * {@code GET /metrics} on one {@link HttpEndpoints} server, and the address the instance announces to the others.
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
     */
    public record Settings(String host, int port, Optional<String> advertisedHost, Optional<Integer> advertisedPort) {
    }

    private final HttpEndpoints endpoints;
    private final AppMetrics metrics;
    private final String advertised;

    private OpsServer(HttpEndpoints endpoints, AppMetrics metrics, String advertised) {
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.advertised = advertised;
    }

    /**
     * Starts serving before the Streams client exists: until then the app is alive and not ready.
     *
     * @param streams the client, or null before it is created
     * @throws io.streamsuite.topologies.config.InvalidConfigException in one line if the address cannot be listened on
     */
    public static OpsServer start(String appName, String applicationId, Settings settings, Supplier<KafkaStreams> streams,
                                  RestorationTracker restoration) {
        AppMetrics metrics = new AppMetrics(applicationId);
        HealthEndpoints health = new HealthEndpoints(streams, restoration);
        try {
            HttpEndpoints endpoints = HttpEndpoints.start(appName, settings.host(), settings.port(), Map.of(
                    "/health/live", health::live,
                    "/health/ready", health::ready,
                    "/metrics", () -> HttpResponse.text(200, PROMETHEUS_TEXT, metrics.scrape())));
            String host = settings.advertisedHost().orElseGet(OpsServer::localHostName);
            int port = settings.advertisedPort().orElse(endpoints.address().getPort());
            return new OpsServer(endpoints, metrics, host + ":" + port);
        } catch (RuntimeException e) {
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

    /** {@code host:port} for Streams' {@code application.server}: how other instances reach this one. */
    public String advertised() {
        return advertised;
    }

    @Override
    public void close() {
        endpoints.close();
        metrics.close();
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
