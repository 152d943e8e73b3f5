package io.streamsuite.devkit.generate;

import java.util.List;

/**
 * One thing a generator releases: a record to send (topic, key, value, event time) with the ground truth about it,
 * or, with no topic, ground truth alone (a device's silence has no record).
 *
 * @param value  the event object, encoded by the sink (JSON lines to a file; the configured format to Kafka)
 * @param time   the event time, epoch milliseconds; also the Kafka record's timestamp
 * @param truths what the apps must make of this record; written only if the record is actually sent
 */
public record Output(String topic, String key, Object value, long time, List<Truth> truths) {

    public Output {
        truths = List.copyOf(truths);
    }

    static Output record(String topic, String key, Object value, long time) {
        return new Output(topic, key, value, time, List.of());
    }

    static Output record(String topic, String key, Object value, long time, List<Truth> truths) {
        return new Output(topic, key, value, time, truths);
    }

    static Output truthOnly(Truth truth, long time) {
        return new Output(null, null, null, time, List.of(truth));
    }

    /** Whether there is a record to send, rather than ground truth alone. */
    public boolean isRecord() {
        return topic != null;
    }
}
