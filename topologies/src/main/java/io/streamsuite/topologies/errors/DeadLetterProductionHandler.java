package io.streamsuite.topologies.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one oversized output from stopping the app: the input that produced it goes to the dead-letter topic
 * and processing resumes. Every other production error keeps Kafka's default behaviour (retry what is
 * retriable, fail on the rest), because those are outages or bugs, not bad data.
 */
public class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException) || deadLetterTopic == null) {
            return super.handleError(context, record, exception);
        }
        LOG.warn("Output to {} too large ({}); input {}-{}@{} goes to {}", record.topic(), exception.getMessage(),
                context.topic(), context.partition(), context.offset(), deadLetterTopic);
        DeadLetterCounter.increment(context.topic(), DeadLetterCounter.UNWRITABLE);
        return Response.resume(List.of(deadLetter(context, record, exception)));
    }

    /** The source record when there is one (it is what a replay needs), else the output that failed. */
    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> output,
                                                      Exception exception) {
        boolean hasSource = context.sourceRawValue() != null || context.sourceRawKey() != null;
        return DeadLetterRecords.of(deadLetterTopic, context, hasSource ? context.sourceRawKey() : output.key(),
                hasSource ? context.sourceRawValue() : null, exception);
    }
}
