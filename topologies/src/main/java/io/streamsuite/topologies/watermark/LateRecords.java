package io.streamsuite.topologies.watermark;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.internals.metrics.StreamsMetricsImpl;
import org.apache.kafka.streams.processor.internals.metrics.TaskMetrics;

/**
 * Counts a record dropped as too late in Streams' own {@code dropped-records-total} of the task, where Kafka's
 * windowed operators count theirs, so that one metric tells of every late record whichever operator dropped it.
 * The sensor is Kafka's internal API (unchanged from 2.x to 4.4); this class is the one place that uses it.
 */
final class LateRecords {

    private final Sensor dropped;

    LateRecords(ProcessingContext context) {
        this.dropped = TaskMetrics.droppedRecordsSensor(Thread.currentThread().getName(), context.taskId().toString(),
                (StreamsMetricsImpl) context.metrics());
    }

    void record() {
        dropped.record();
    }
}
