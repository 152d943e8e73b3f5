package io.streamsuite.topologies.ops;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows which store partitions are being restored from their changelogs and how far each has come, for the readiness
 * endpoint, and logs one line when a restoration starts, one every {@link #PROGRESS_EVERY} while a long one goes on,
 * and one when it ends, with its counts. Streams calls it from its restoring threads while the endpoints read it,
 * hence the concurrent map.
 */
public final class RestorationTracker implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestorationTracker.class);

    /** How often a restoration still going on is logged: often enough to show it moves, rarely enough to read. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /**
     * One store partition being restored.
     *
     * @param store     the store's name
     * @param changelog the topic it is restored from
     * @param partition the changelog's partition (the task's)
     * @param restored  records restored so far
     * @param total     offsets to restore; under exactly-once this counts transaction markers too, so a finished
     *                  restoration can end below it
     */
    public record Progress(String store, String changelog, int partition, long restored, long total) {
    }

    private record Key(String store, TopicPartition changelog) {
    }

    private static final class Ongoing {
        final long total;
        final long startNanos = System.nanoTime();
        final AtomicLong restored = new AtomicLong();
        volatile long lastLoggedNanos = startNanos;

        Ongoing(long total) {
            this.total = total;
        }
    }

    private final Map<Key, Ongoing> ongoing = new ConcurrentHashMap<>();
    private final long progressEveryNanos;

    public RestorationTracker() {
        this(PROGRESS_EVERY);
    }

    /** @param progressEvery how often a restoration still going on is logged */
    RestorationTracker(Duration progressEvery) {
        this.progressEveryNanos = progressEvery.toNanos();
    }

    /** Streams announces empty changelogs too; those are logged at debug level, or every start would list each store. */
    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        long total = Math.max(0, endingOffset - startingOffset);
        ongoing.put(new Key(store, changelog), new Ongoing(total));
        log(total, "Restoring store {} from {}: {} offsets to restore ({} to {})", store, changelog, total, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        Ongoing progress = ongoing.get(new Key(store, changelog));
        if (progress != null) {
            long restored = progress.restored.addAndGet(numRestored);
            long now = System.nanoTime();
            // one thread restores a given store partition, so the check and the update do not race
            if (now - progress.lastLoggedNanos >= progressEveryNanos) {
                progress.lastLoggedNanos = now;
                LOG.info("Restoring store {} from {}: {} of {} offsets restored so far ({}%)", store, changelog, restored,
                        progress.total, progress.total == 0 ? 100 : Math.min(100, restored * 100 / progress.total));
            }
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        Ongoing progress = ongoing.remove(new Key(store, changelog));
        long millis = progress == null ? 0 : (System.nanoTime() - progress.startNanos) / 1_000_000;
        log(progress == null ? totalRestored : progress.total, "Restored store {} from {}: {} records in {} ms",
                store, changelog, totalRestored, millis);
    }

    private static void log(long total, String format, Object... arguments) {
        if (total > 0) {
            LOG.info(format, arguments);
        } else {
            LOG.debug(format, arguments);
        }
    }

    /** The task moved to another thread or instance before its store was restored; whoever has it now carries on. */
    @Override
    public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
        ongoing.remove(new Key(store, changelog));
        LOG.info("Restoration of store {} from {} suspended after {} records: the task was reassigned", store, changelog, totalRestored);
    }

    /** How many store partitions are being restored right now. */
    public int restoringCount() {
        return ongoing.size();
    }

    /** The store partitions being restored right now, by store and partition. */
    public List<Progress> restoring() {
        return ongoing.entrySet().stream()
                .map(entry -> new Progress(entry.getKey().store(), entry.getKey().changelog().topic(),
                        entry.getKey().changelog().partition(), entry.getValue().restored.get(), entry.getValue().total))
                .sorted(Comparator.comparing(Progress::store).thenComparing(Progress::changelog).thenComparingInt(Progress::partition))
                .toList();
    }
}
