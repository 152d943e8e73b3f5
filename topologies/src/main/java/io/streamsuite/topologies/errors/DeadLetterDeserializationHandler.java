package io.streamsuite.topologies.errors;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be decoded or fail validation to the dead-letter topic ({@code
 * errors.dead.letter.queue.topic.name}) and carries on: the original key and value bytes, the original headers, and
 * {@code __streams.errors.*} headers naming the exception, its message, the source topic, partition and offset
 * (KIP-1034's layout, {@link DeadLetterRecords}). Each is counted per reason; the log gets the first of each topic and
 * then a sum every few seconds ({@link DeadLetterLog}), not a stack trace per record.
 *
 * <p>A failure that is not about the record, a schema registry that cannot be reached or refuses the app, fails the
 * stream thread instead: every following record would be dead-lettered too, good ones included. The runner replaces
 * a thread that failed on a retriable error, which reads the record again.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private final DeadLetterLog deadLetterLog = new DeadLetterLog(LOG, Clock.systemUTC());
    private String deadLetterTopic;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Outages.isOutage(exception)) {
            LOG.error("Cannot decode {}-{}@{}, and not because of the record: {}", record.topic(), record.partition(),
                    record.offset(), exception.getMessage());
            return Response.fail();
        }
        DeadLetterCounter.increment(record.topic(),
                exception instanceof InvalidRecordException invalid ? invalid.reason() : DeadLetterCounter.UNDECODABLE);
        deadLetterLog.deadLettered(record.topic(), record.topic() + "-" + record.partition() + "@" + record.offset(),
                exception.getMessage());
        if (deadLetterTopic == null) {
            return Response.resume();
        }
        return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, context, record.key(), record.value(), exception)));
    }
}
