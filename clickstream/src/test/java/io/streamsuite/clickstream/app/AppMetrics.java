package io.streamsuite.clickstream.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Figures from an app's Prometheus {@code /metrics}. */
final class AppMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AppMetrics() {
    }

    /**
     * The sum of a metric over all its label sets. Fails if the app does not list it at all, so that a misspelt name
     * cannot pass for a zero.
     */
    static double sum(URI metrics, String name) throws InterruptedException {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            List<String> series = answer.body().lines().filter(line -> line.startsWith(name + "{")).toList();
            if (answer.statusCode() != 200 || series.isEmpty()) {
                throw new AssertionError("No " + name + " in " + metrics + " (HTTP " + answer.statusCode() + ")");
            }
            return series.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
