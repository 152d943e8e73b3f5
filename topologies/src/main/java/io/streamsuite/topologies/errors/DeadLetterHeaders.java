package io.streamsuite.topologies.errors;

/**
 * Header names on dead-letter records: the ones Kafka Streams 4.3 itself writes (KIP-1034), so tools
 * reading the topic see one format whichever handler wrote the record.
 */
public final class DeadLetterHeaders {

    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    /**
     * The processor that threw (written by this suite's processing and production handlers; Kafka's own records of the
     * deserialization path have no processor).
     */
    public static final String PROCESSOR = "__streams.errors.processor";

    private DeadLetterHeaders() {
    }
}
