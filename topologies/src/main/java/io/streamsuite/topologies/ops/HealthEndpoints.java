package io.streamsuite.topologies.ops;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;

/** {@code GET /health/live} and {@code GET /health/ready}: {@link Health}'s verdicts with what an operator needs to see. */
final class HealthEndpoints {

    record LiveBody(String status, String state) {
    }

    record ReadyBody(String status, String state, String reason, List<ThreadBody> threads,
                     List<RestorationTracker.Progress> restoring) {
    }

    record ThreadBody(String name, String state, List<String> activeTasks, List<String> standbyTasks) {
    }

    private final Supplier<KafkaStreams> streams;
    private final RestorationTracker restoration;

    /** @param streams the client, or null before it is created */
    HealthEndpoints(Supplier<KafkaStreams> streams, RestorationTracker restoration) {
        this.streams = streams;
        this.restoration = restoration;
    }

    HttpResponse live() {
        Health.Status status = Health.live(state(streams.get()));
        return HttpResponse.json(status.httpCode(), new LiveBody(word(status), status.state()));
    }

    HttpResponse ready() {
        KafkaStreams client = streams.get();
        List<RestorationTracker.Progress> restoring = restoration.restoring();
        Health.Status status = Health.ready(state(client), restoring.size());
        return HttpResponse.json(status.httpCode(),
                new ReadyBody(word(status), status.state(), status.reason(), threads(client), restoring));
    }

    private static KafkaStreams.State state(KafkaStreams client) {
        return client == null ? null : client.state();
    }

    private static String word(Health.Status status) {
        return status.up() ? "UP" : "DOWN";
    }

    /** Streams refuses thread metadata outside RUNNING and REBALANCING; the state may change under us, too. */
    private static List<ThreadBody> threads(KafkaStreams client) {
        if (client == null || !client.state().isRunningOrRebalancing()) {
            return List.of();
        }
        try {
            return client.metadataForLocalThreads().stream()
                    .map(thread -> new ThreadBody(thread.threadName(), thread.threadState(),
                            taskIds(thread.activeTasks()), taskIds(thread.standbyTasks())))
                    .sorted(Comparator.comparing(ThreadBody::name))
                    .toList();
        } catch (IllegalStateException stoppedMeanwhile) {
            return List.of();
        }
    }

    private static List<String> taskIds(Set<TaskMetadata> tasks) {
        return tasks.stream().map(task -> task.taskId().toString()).sorted().toList();
    }
}
