package io.streamsuite.topologies.errors;

import io.streamsuite.topologies.config.LogText;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a record that makes a processor throw from stopping the app (KIP-1033): the sub-topology's input record goes to
 * the dead-letter topic with the exception and the failing processor in its headers (KIP-1034), is counted as
 * {@link DeadLetterCounter#UNPROCESSABLE}, and processing goes on with the next record.
 *
 * <p>Two kinds of failure still stop the stream thread, because they are not about one record:
 * <ul>
 *   <li>an outage ({@link Outages}): the runner replaces the thread, which reads the record again;</li>
 *   <li>a burst ({@link FailureBurst}): more than {@value #MAX_SHARE_CONFIG} of the last {@value #WINDOW_CONFIG} records
 *       of a partition failed, which is a bug, logged in one line; the runner stops the app with exit code 1.</li>
 * </ul>
 *
 * <p>Global-store processors ({@code processing.exception.handler.global.enabled}, KIP-1270) come here too; Kafka cannot
 * send dead letters from the global thread, so such a record is counted, logged (without its bytes) and skipped.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    /** The share of a partition's recent records that may fail in processors before the app stops. */
    public static final String MAX_SHARE_CONFIG = "processing.failures.max-share";
    /** How many recent records (offsets) of a partition the share is taken over. */
    public static final String WINDOW_CONFIG = "processing.failures.window";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private final DeadLetterLog deadLetterLog = new DeadLetterLog(LOG, Clock.systemUTC());
    private String deadLetterTopic;
    private String applicationId;
    private FailureBurst burst;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : topic.toString();
        applicationId = String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
        burst = new FailureBurst(Integer.parseInt(valueOf(configs, WINDOW_CONFIG, "1000")),
                Double.parseDouble(valueOf(configs, MAX_SHARE_CONFIG, "0.5")));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String where = context.topic() + "-" + context.partition() + "@" + context.offset() + " in processor "
                + context.processorNodeId();
        String what = exception.getClass().getName() + ": " + LogText.of(exception.getMessage());
        if (Outages.isOutage(exception)) {
            LOG.error("Processing {} failed, and not because of the record; the thread will retry it: {}", where, what);
            return Response.fail();
        }
        int failed = burst.failed(context.topic(), context.partition(), context.offset());
        if (failed > 0) {
            LOG.error("{} stops: {} of the last {} records of {}-{} failed in processors, above"
                            + " processing.failures.max-share={}: this is a bug, not bad input; the last at {}: {}",
                    applicationId, failed, burst.window(), context.topic(), context.partition(), burst.maxShare(), where, what);
            return Response.fail();
        }
        DeadLetterCounter.increment(context.topic(), DeadLetterCounter.UNPROCESSABLE);
        if (isGlobal(context.taskId()) || deadLetterTopic == null) {
            LOG.warn("Skipped {}: {}", where, what);
            return Response.resume();
        }
        deadLetterLog.deadLettered(context.topic(), where, what);
        return Response.resume(List.of(DeadLetterRecords.of(deadLetterTopic, context, context.sourceRawKey(),
                context.sourceRawValue(), exception)));
    }

    private static String valueOf(Map<String, ?> configs, String key, String fallback) {
        Object value = configs.get(key);
        return value == null ? fallback : value.toString();
    }

    /** The global thread's tasks have no sub-topology of their own: Kafka numbers them -1. */
    private static boolean isGlobal(TaskId task) {
        return task == null || task.subtopology() < 0;
    }
}
