package io.streamsuite.topologies.errors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices when processors fail on too large a share of the records of one input partition: over the last
 * {@code window} offsets, more than {@code maxShare} of them failed. One bad record now and then is bad input; most
 * records failing is a bug (or a broken dependency), and dead-lettering the whole stream would only hide it.
 *
 * <p>The window is counted in offsets, which the failures carry with them, so no count of the good records is needed.
 * Offsets taken by transaction markers count as good records, which errs on the side of going on. Thread-safe.
 */
public final class FailureBurst {

    private final int window;
    private final double maxShare;
    private final Map<String, Deque<Long>> failedOffsets = new ConcurrentHashMap<>();

    /**
     * @param window   how many offsets back a partition's failures are counted
     * @param maxShare the share of them (0 to 1) that may fail; more is a burst
     */
    public FailureBurst(int window, double maxShare) {
        if (window < 1 || !(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("window " + window + ", max share " + maxShare);
        }
        this.window = window;
        this.maxShare = maxShare;
    }

    /**
     * Records a failure of the record at {@code offset} of a partition (a record failing in two processors counts once).
     *
     * @return how many of the last {@code window} offsets of the partition failed, when that is above the allowed share;
     *         0 otherwise
     */
    public int failed(String topic, int partition, long offset) {
        Deque<Long> offsets = failedOffsets.computeIfAbsent(topic + "-" + partition, unused -> new ArrayDeque<>());
        synchronized (offsets) {
            if (offsets.isEmpty() || offsets.peekLast() != offset) {
                offsets.addLast(offset);
            }
            while (offsets.peekFirst() <= offset - window) {
                offsets.pollFirst();
            }
            return offsets.size() > maxShare * window ? offsets.size() : 0;
        }
    }

    public int window() {
        return window;
    }

    public double maxShare() {
        return maxShare;
    }
}
