package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsuite.topologies.runtime.StreamsRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The clickstream app run by its own {@link StreamsRunner} inside the test JVM, from a properties file as {@code main}
 * reads it: quicker to start than the shipped jar, and its Kafka Streams metrics are at hand.
 */
final class InProcessClickstream implements AutoCloseable {

    private final StreamsRunner runner = new StreamsRunner(new ClickstreamApp(), Map.of(), System.out, System.err);
    private final CompletableFuture<Integer> exit;

    private InProcessClickstream(Path config) {
        exit = CompletableFuture.supplyAsync(() -> runner.run(config.toString()));
    }

    /** Writes the properties to {@code dir/clickstream.properties}, starts the app and waits until it is RUNNING. */
    static InProcessClickstream start(Map<String, String> properties, Path dir, Duration timeout) {
        Path config = dir.resolve("clickstream.properties");
        try {
            Files.writeString(config, properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InProcessClickstream app = new InProcessClickstream(config);
        await().atMost(timeout).until(() -> app.exit.isDone()
                || app.runner.state().orElse(null) == KafkaStreams.State.RUNNING);
        assertThat(app.exit).as("the app exited while starting").isNotDone();
        return app;
    }

    /** Streams' {@code dropped-records-total} over every task: records a window or merge dropped as too late. */
    double droppedRecords() {
        return runner.streams().orElseThrow().metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
    }

    /** Stops the app; it must exit with 0 within a minute. */
    @Override
    public void close() {
        runner.stop();
        assertThat(exit.orTimeout(60, TimeUnit.SECONDS).join()).as("the app's exit code").isZero();
    }
}
