package io.streamsuite.topologies.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Sends records that cannot be decoded or fail validation to the dead-letter topic and carries on.
 *
 * <p>Kafka 4.3 builds the dead-letter record itself (KIP-1034) when {@code errors.dead.letter.queue.topic.name} is
 * set: original key and value bytes, original headers, and {@code __streams.errors.*} headers naming the exception,
 * its message, the source topic, partition and offset. This class adds the count per reason.
 */
public class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetterCounter.increment(record.topic(),
                exception instanceof InvalidRecordException ? DeadLetterCounter.INVALID : DeadLetterCounter.UNDECODABLE);
        return super.handleError(context, record, exception);
    }
}
