package io.streamsuite.topologies.serde.avro;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Schema ids the registry said it cannot give (unknown, or a schema that cannot be read alone), remembered for a while
 * with the reason, so that a stream of records with random or foreign ids costs one registry request per id and
 * period, not one per record. Bounded: past {@code maxIds} the id remembered longest ago is forgotten first.
 * Thread-safe.
 */
final class UnreadableIds {

    private record Entry(String reason, long expiresAt) {
    }

    private final Duration ttl;
    private final int maxIds;
    private final Clock clock;
    private final Map<Integer, Entry> entries = new LinkedHashMap<>();

    UnreadableIds(Duration ttl, int maxIds, Clock clock) {
        this.ttl = ttl;
        this.maxIds = maxIds;
        this.clock = clock;
    }

    /** Why the id cannot be read, if that was found out less than the TTL ago. */
    synchronized Optional<String> reason(int id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAt()) {
            entries.remove(id);
            return Optional.empty();
        }
        return Optional.of(entry.reason());
    }

    synchronized void remember(int id, String reason) {
        entries.remove(id);
        if (entries.size() >= maxIds) {
            entries.remove(entries.keySet().iterator().next());
        }
        entries.put(id, new Entry(reason, clock.millis() + ttl.toMillis()));
    }

    synchronized int size() {
        return entries.size();
    }
}
