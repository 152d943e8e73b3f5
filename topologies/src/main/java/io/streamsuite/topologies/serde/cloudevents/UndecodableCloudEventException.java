package io.streamsuite.topologies.serde.cloudevents;

import org.apache.kafka.common.errors.SerializationException;

/** A record that claims to be a CloudEvent (by its headers) but is not a valid one: bad input for the dead-letter topic. */
public class UndecodableCloudEventException extends SerializationException {

    public UndecodableCloudEventException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
