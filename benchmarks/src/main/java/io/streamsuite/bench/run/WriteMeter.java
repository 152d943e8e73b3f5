package io.streamsuite.bench.run;

import io.streamsuite.bench.results.BenchResults.Writes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a drain made the measured variant write: records (from every topic's end offsets) and bytes (from the broker's
 * per-topic byte counts, when the broker is this run's), per input record, split into outputs (the dead-letter topic
 * included), changelogs and repartition topics. Only one variant runs at a time, so everything written to the
 * cluster's topics between two snapshots, the preloaded inputs aside, is that variant's. Under exactly_once_v2 each
 * transaction also writes one commit marker per partition it wrote to, which takes an offset: it is counted, as it is
 * a record the broker stores.
 */
final class WriteMeter {

    /** A topic's end offsets summed, and its bytes taken in, at one moment. */
    record Snapshot(Map<String, Long> records, Map<String, Long> bytes) {
    }

    private final Topics topics;
    private final BrokerTopicBytes broker;
    private final Set<String> inputs;

    /** @param broker null when the broker's metrics cannot be read (an external cluster): bytes are then not reported */
    WriteMeter(Topics topics, BrokerTopicBytes broker, Set<String> inputs) {
        this.topics = topics;
        this.broker = broker;
        this.inputs = Set.copyOf(inputs);
    }

    Snapshot snapshot() {
        Map<String, Long> records = new HashMap<>();
        for (String topic : topics.names()) {
            if (!inputs.contains(topic)) {
                records.put(topic, Topics.total(topics.endOffsets(topic)));
            }
        }
        return new Snapshot(records, broker == null ? Map.of() : broker.bytesIn());
    }

    /** What was written between the two snapshots, per one of {@code inputRecords}. */
    Writes between(Snapshot before, Snapshot after, long inputRecords) {
        long[] records = new long[3];
        long[] bytes = new long[3];
        after.records().forEach((topic, end) -> records[kind(topic)] += end - before.records().getOrDefault(topic, 0L));
        after.bytes().forEach((topic, in) -> {
            if (!inputs.contains(topic) && !topic.startsWith("__")) {
                bytes[kind(topic)] += in - before.bytes().getOrDefault(topic, 0L);
            }
        });
        double n = inputRecords;
        boolean haveBytes = broker != null;
        return new Writes(records[0] / n, records[1] / n, records[2] / n,
                haveBytes ? bytes[0] / n : Double.NaN, haveBytes ? bytes[1] / n : Double.NaN,
                haveBytes ? bytes[2] / n : Double.NaN);
    }

    /** 0 output (or dead-letter), 1 changelog, 2 repartition. */
    static int kind(String topic) {
        if (topic.endsWith("-changelog")) {
            return 1;
        }
        return topic.endsWith("-repartition") ? 2 : 0;
    }
}
