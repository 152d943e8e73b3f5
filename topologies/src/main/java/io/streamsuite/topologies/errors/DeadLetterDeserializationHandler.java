package io.streamsuite.topologies.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be decoded or fail validation to the dead-letter topic and carries on.
 *
 * <p>Kafka 4.3 builds the dead-letter record itself (KIP-1034) when {@code errors.dead.letter.queue.topic.name} is
 * set: original key and value bytes, original headers, and {@code __streams.errors.*} headers naming the exception,
 * its message, the source topic, partition and offset. This class adds the count per reason.
 *
 * <p>A failure that is not about the record, a schema registry that cannot be reached or refuses the app, fails the
 * stream thread instead: every following record would be dead-lettered too, good ones included. The runner replaces
 * a thread that failed on a retriable error, which reads the record again.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (Outages.isOutage(exception)) {
            LOG.error("Cannot decode {}-{}@{}, and not because of the record: {}", record.topic(), record.partition(),
                    record.offset(), exception.getMessage());
            return Response.fail();
        }
        DeadLetterCounter.increment(record.topic(),
                exception instanceof InvalidRecordException invalid ? invalid.reason() : DeadLetterCounter.UNDECODABLE);
        return super.handleError(context, record, exception);
    }
}
