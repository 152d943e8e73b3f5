package io.streamsuite.topologies.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamsuite.topologies.errors.DeadLetterCounter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's dead-letter counts as the counter {@value #NAME} (Prometheus: {@code streams_dead_letters_total}) with
 * the tags {@code topic} (where the record came from) and {@code reason} ({@code invalid}, {@code undecodable},
 * {@code unwritable}). A topic and reason get their counter when their first record is dead-lettered; the counter
 * reads {@link DeadLetterCounter} at each scrape.
 */
final class DeadLetterMeters {

    static final String NAME = "streams.dead.letters";

    private final MeterRegistry registry;
    private final Set<DeadLetterCounter.Key> registered = ConcurrentHashMap.newKeySet();

    DeadLetterMeters(MeterRegistry registry) {
        this.registry = registry;
        registerNew();
    }

    /** Registers a counter for every topic and reason seen since the last call; call before each scrape. */
    void registerNew() {
        for (DeadLetterCounter.Key key : DeadLetterCounter.snapshot().keySet()) {
            if (registered.add(key)) {
                FunctionCounter.builder(NAME, key, DeadLetterCounter::count)
                        .description("Records sent to the dead-letter topic, by source topic and reason")
                        .tag("topic", key.topic())
                        .tag("reason", key.reason())
                        .register(registry);
            }
        }
    }
}
