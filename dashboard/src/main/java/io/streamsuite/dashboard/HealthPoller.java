package io.streamsuite.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads each app's readiness, consumer lag and dead-letter count from its HTTP endpoints, every few seconds. */
final class HealthPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthPoller.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * One app as last seen.
     *
     * @param status      {@code UP} (ready), {@code DOWN} (answers, not ready) or {@code UNREACHABLE}
     * @param state       the Streams client's state as the app reported it; null if unreachable
     * @param lag         records its consumers are behind, summed over partitions; null if unknown
     * @param deadLetters records it has dead-lettered since it started; null if unknown
     * @param checkedAt   when this was read, epoch ms
     */
    record AppStatus(String app, String url, String status, String state, Double lag, Double deadLetters, long checkedAt) {
    }

    private final Map<String, URI> apps;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, AppStatus> statuses = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "dashboard-health");
        thread.setDaemon(true);
        return thread;
    });

    HealthPoller(Map<String, URI> apps, Clock clock) {
        this.apps = new LinkedHashMap<>(apps);
        this.clock = clock;
        apps.forEach((app, url) -> statuses.put(app, new AppStatus(app, url.toString(), "UNREACHABLE", null, null, null, 0)));
    }

    void start(Duration interval) {
        schedule.scheduleWithFixedDelay(this::pollAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The apps in the order they were given. */
    List<AppStatus> statuses() {
        List<AppStatus> list = new ArrayList<>();
        apps.keySet().forEach(app -> list.add(statuses.get(app)));
        return list;
    }

    void pollAll() {
        apps.forEach((app, url) -> statuses.put(app, poll(app, url)));
    }

    private AppStatus poll(String app, URI url) {
        long now = clock.millis();
        try {
            var ready = get(url.resolve("/health/ready"));
            JsonNode body = JsonMappers.mapper().readTree(ready.body());
            String status = ready.statusCode() == 200 ? "UP" : "DOWN";
            String metrics = get(url.resolve("/metrics")).body();
            return new AppStatus(app, url.toString(), status, body.path("state").asText(null),
                    PrometheusText.sum(metrics, "kafka_consumer_fetch_manager_records_lag"),
                    PrometheusText.sum(metrics, "streams_dead_letters_total"), now);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} at {} did not answer: {}", app, url, e.toString());
            return new AppStatus(app, url.toString(), "UNREACHABLE", null, null, null, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return statuses.get(app);
        }
    }

    private java.net.http.HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), BodyHandlers.ofString());
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
