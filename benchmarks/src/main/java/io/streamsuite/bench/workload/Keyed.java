package io.streamsuite.bench.workload;

/** One record of a workload: its key, its event (a contract record, encoded as JSON when sent) and its event time. */
public record Keyed(String key, Object value, long time) {
}
