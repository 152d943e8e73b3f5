package io.streamsuite.topologies.errors;

import io.streamsuite.topologies.serde.avro.SchemaRegistryException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that is about the world (a broker or schema registry that cannot be reached, a registry that refuses
 * the app) from one that is about a record. The first kind is never dead-lettered: every record after it would fail
 * the same way, good ones included; the stream thread fails and the runner retries it.
 */
public final class Outages {

    private Outages() {
    }

    /** True when a {@link RetriableException} or a {@link SchemaRegistryException} is anywhere in the cause chain. */
    public static boolean isOutage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }
}
