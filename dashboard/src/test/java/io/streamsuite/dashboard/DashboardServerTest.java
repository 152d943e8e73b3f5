package io.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's threads are bounded, and the pages open at once too, without starving other requests. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DashboardServerTest {

    @Test
    void everyPageSlotTakenStillLeavesSnapshotsAnsweredAndThreadsBounded() throws Exception {
        SuiteView view = new SuiteView(30, Duration.ofSeconds(30), List::of, Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<InputStream> streams = new ArrayList<>();
        try (DashboardServer server = DashboardServer.start("127.0.0.1", 0, view)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            for (int i = 0; i < DashboardServer.MAX_STREAMS; i++) {
                HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(base.resolve("/events")).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                streams.add(stream.body());
            }
            HttpResponse<String> oneTooMany = http.send(HttpRequest.newBuilder(base.resolve("/events")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(oneTooMany.statusCode()).isEqualTo(503);

            List<CompletableFuture<HttpResponse<String>>> snapshots = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                snapshots.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/snapshot"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> snapshot : snapshots) {
                assertThat(snapshot.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            long threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("dashboard-http-")).count();
            assertThat(threads).isLessThanOrEqualTo(DashboardServer.MAX_STREAMS + DashboardServer.REQUEST_THREADS);
        } finally {
            for (InputStream stream : streams) {
                stream.close();
            }
        }
    }
}
