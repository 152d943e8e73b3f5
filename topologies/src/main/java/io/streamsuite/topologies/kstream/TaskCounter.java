package io.streamsuite.topologies.kstream;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * A processor's count of what it produced, by one label (alerts by rule, by type), as a Kafka Streams metric of its
 * task: group {@code stream-<scope>-metrics}, name {@code <operation>-total}, tags {@code task-id} and the label.
 * Being a Streams metric, it is on {@code /metrics} with the others ({@code kafka_stream_<scope>_<operation>_total})
 * and in {@code TopologyTestDriver#metrics()}. A label value gets its metric at its first count. Under exactly-once a
 * retried transaction counts again: the count is of processing, not of committed output.
 */
public final class TaskCounter {

    private final StreamsMetrics metrics;
    private final String taskId;
    private final String group;
    private final String name;
    private final String label;
    private final String description;
    private final Map<String, Sensor> sensors = new HashMap<>();

    /**
     * Create in the processor's {@code init}; {@link #close()} in its {@code close}.
     *
     * @param label the label's name; not {@code type} or {@code task-id}, which the JMX name of the metric already has
     */
    public TaskCounter(ProcessingContext context, String scope, String operation, String label, String description) {
        if (label.equals("type") || label.equals("task-id")) {
            // Kafka's JMX reporter would log an error at every new label value and leave the metric out of JMX
            throw new IllegalArgumentException("label '" + label + "' clashes with a key of the metric's JMX name");
        }
        this.metrics = context.metrics();
        this.taskId = context.taskId().toString();
        this.group = "stream-" + scope + "-metrics";
        this.name = operation + "-total";
        this.label = label;
        this.description = description;
    }

    /** Counts one more for the label value. */
    public void increment(String value) {
        sensors.computeIfAbsent(value, this::sensor).record();
    }

    /** Removes the metrics: the task may move to another thread or instance, which counts from there. */
    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }

    private Sensor sensor(String value) {
        // sensor names are unique per client, not per task
        Sensor sensor = metrics.addSensor(String.join(".", "task", taskId, group, name, value), Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, group, description, Map.of("task-id", taskId, label, value)), new CumulativeCount());
        return sensor;
    }
}
