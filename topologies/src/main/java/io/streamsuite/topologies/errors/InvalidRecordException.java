package io.streamsuite.topologies.errors;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that decoded but breaks the contract (a required field missing, a negative amount). It is a
 * {@link SerializationException} so that it takes the same path as undecodable bytes: the deserialization
 * handler sends the original record to the dead-letter topic.
 */
public class InvalidRecordException extends SerializationException {

    private final String reason;

    public InvalidRecordException(String message) {
        this(message, DeadLetterCounter.INVALID);
    }

    /** @param reason the dead-letter counter's reason label, e.g. {@link DeadLetterCounter#FUTURE} */
    public InvalidRecordException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** Invalid records are expected input, not bugs: a stack trace would only fill the logs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
