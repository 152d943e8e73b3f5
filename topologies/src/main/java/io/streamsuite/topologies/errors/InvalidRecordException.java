package io.streamsuite.topologies.errors;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that decoded but breaks the contract (a required field missing, a negative amount). It is a
 * {@link SerializationException} so that it takes the same path as undecodable bytes: the deserialization
 * handler sends the original record to the dead-letter topic.
 */
public class InvalidRecordException extends SerializationException {

    public InvalidRecordException(String message) {
        super(message);
    }

    /** Invalid records are expected input, not bugs: a stack trace would only fill the logs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
