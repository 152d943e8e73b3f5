package io.streamsuite.clickstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.clickstream.ClickEvent;
import io.streamsuite.topologies.runtime.AppContext;
import io.streamsuite.topologies.runtime.ConfiguredApp;
import io.streamsuite.topologies.serde.TopicSpec;
import io.streamsuite.topologies.testing.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's replay: hours of history on three input partitions, all produced before the app starts with the contract's
 * settings, so that each partition is read at its own pace and their event times lie far apart after every
 * repartition. Every page-view window, ranking and funnel hour must still be exactly what the events make, with nothing
 * dropped as late; sessions and bot alerts too.
 */
class ClickstreamReplayIT {

    private static final String APP_ID = "clickstream-replay-it";
    private static final int PARTITIONS = 3;

    private static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sixHoursOfHistoryOnThreePartitionsGiveExactWindowsRankingsAndFunnel() {
        ClickHistory history = ClickHistory.sixHours(21);

        Map<String, String> properties = new TreeMap<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", APP_ID,
                "state.dir", dir.resolve("state").toString(),
                "http.port", "0",
                "topics.create", "true",
                "topics.partitions", Integer.toString(PARTITIONS),
                "shutdown.timeout", "20s"));
        AppContext context = ConfiguredApp.of(new ClickstreamApp(), properties).context();
        TopicSpec<String, ClickEvent> input = ClickstreamApp.events(context);
        kafka.createTopic(input.name(), PARTITIONS);
        List<ClickEvent> all = new ArrayList<>(history.events());
        all.addAll(history.flush(PARTITIONS));
        kafka.produce(ClickHistory.records(all, input));

        try (InProcessClickstream app = InProcessClickstream.start(properties, dir, Duration.ofSeconds(90))) {
            CommittedOutputs.read(kafka, context, history.expected(), Duration.ofMinutes(2))
                    .assertEqualTo(history.expected());
            assertThat(app.droppedRecords()).as("Streams' dropped-records metric").isZero();
        }
    }
}
