package io.streamsuite.iot.app;

import io.streamsuite.iot.Reading;
import io.streamsuite.topologies.errors.DeadLetterHeaders;
import io.streamsuite.topologies.kstream.TaskCounter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends a reading that state refuses (a decoder cannot know it breaks a limit) to the dead-letter topic through a
 * sink of the topology, so it is written in the task's transaction with the outputs. The record carries the reading
 * re-encoded in the input's format (the processor no longer has the original bytes), the original headers, and the
 * headers of Kafka's own dead letters naming the reason and where the reading came from. Counted per reason as
 * {@code dead-letters-total} in group {@code stream-iot-metrics}.
 */
final class DeadLetters {

    /** The {@code __streams.errors.exception} header of these dead letters: no exception was thrown. */
    static final String REFUSED = "io.streamsuite.iot.RefusedReading";

    private final ProcessorContext<String, Object> context;
    private final String sink;
    private final TaskCounter counter;

    DeadLetters(ProcessorContext<String, Object> context, String sink, String metricScope) {
        this.context = context;
        this.sink = sink;
        this.counter = new TaskCounter(context, metricScope, "dead-letters", "reason",
                "Readings sent to the dead-letter topic by the monitor, by reason");
    }

    /**
     * @param reason  a short label for the counter, e.g. {@code sensor-types}
     * @param message what was wrong, for the {@code __streams.errors.message} header
     */
    void send(Record<String, Reading> record, String reason, String message) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.EXCEPTION, utf8(REFUSED));
        headers.add(DeadLetterHeaders.MESSAGE, utf8(message));
        context.recordMetadata().ifPresent(source -> addSource(headers, source));
        counter.increment(reason);
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers), sink);
    }

    private static void addSource(Headers headers, RecordMetadata source) {
        headers.add(DeadLetterHeaders.TOPIC, utf8(source.topic()));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(source.offset())));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    void close() {
        counter.close();
    }
}
