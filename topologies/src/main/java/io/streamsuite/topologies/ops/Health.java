package io.streamsuite.topologies.ops;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What the health endpoints answer for a Streams client state: a plain function, so that every state is tested.
 *
 * <p>Alive means the client is starting or working: {@code CREATED}, {@code REBALANCING} (which includes restoring)
 * and {@code RUNNING}. Every other state only leads to the process ending, which the runner does by itself:
 * {@code PENDING_SHUTDOWN} and {@code NOT_RUNNING} (a requested stop) and {@code PENDING_ERROR} and {@code ERROR} (a
 * fatal error). Reporting them as down is the truth and costs nothing, since a supervisor that restarts the process
 * at that point only does what the exit code would have asked for. Before the client exists (while the runner checks
 * the topics) the app is alive and not ready.
 *
 * <p>Ready means able to serve right now: {@code RUNNING} with no store restoring. During a rebalance or a
 * restoration the instance's data is moving or incomplete, so it is taken out of rotation until they end.
 */
public final class Health {

    /** The state shown before the runner has created the Streams client. */
    public static final String STARTING = "STARTING";

    /**
     * One probe's answer.
     *
     * @param up     whether the probe passes
     * @param state  the client's state, or {@value #STARTING}
     * @param reason why a readiness probe fails, or null
     */
    public record Status(boolean up, String state, String reason) {

        /** 200 when up, 503 (Service Unavailable) when down: what load balancers and Kubernetes probes expect. */
        public int httpCode() {
            return up ? 200 : 503;
        }
    }

    private Health() {
    }

    /** Liveness of a client in this state; null means not created yet. */
    public static Status live(KafkaStreams.State state) {
        if (state == null) {
            return new Status(true, STARTING, null);
        }
        boolean alive = state == KafkaStreams.State.CREATED || state.isRunningOrRebalancing();
        return new Status(alive, state.name(), null);
    }

    /**
     * Readiness of a client in this state.
     *
     * @param state             the client's state; null means not created yet
     * @param restoringStores   how many store partitions are being restored right now
     */
    public static Status ready(KafkaStreams.State state, int restoringStores) {
        if (state == null) {
            return new Status(false, STARTING, "the Streams client is not created yet");
        }
        if (state != KafkaStreams.State.RUNNING) {
            return new Status(false, state.name(), "state is " + state.name());
        }
        if (restoringStores > 0) {
            return new Status(false, state.name(), restoringStores + " store partition(s) restoring");
        }
        return new Status(true, state.name(), null);
    }
}
