package io.streamsuite.topologies.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead-letter record of a failure the handlers of this package catch: the record as read (key and value
 * bytes of the sub-topology's input, its headers) plus the {@link DeadLetterHeaders} that say what went wrong where.
 */
final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * @param key   the key bytes to keep
     * @param value the value bytes to keep
     */
    static ProducerRecord<byte[], byte[]> of(String deadLetterTopic, ErrorHandlerContext context, byte[] key, byte[] value,
                                             Exception exception) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value);
        for (Header header : context.headers()) {
            letter.headers().add(header);
        }
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        add(letter, DeadLetterHeaders.EXCEPTION, exception.getClass().getName());
        add(letter, DeadLetterHeaders.MESSAGE, String.valueOf(exception.getMessage()));
        add(letter, DeadLetterHeaders.STACKTRACE, trace.toString());
        add(letter, DeadLetterHeaders.TOPIC, context.topic());
        add(letter, DeadLetterHeaders.PARTITION, String.valueOf(context.partition()));
        add(letter, DeadLetterHeaders.OFFSET, String.valueOf(context.offset()));
        if (context.processorNodeId() != null) {
            add(letter, DeadLetterHeaders.PROCESSOR, context.processorNodeId());
        }
        return letter;
    }

    private static void add(ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
