package io.streamsuite.topologies.serde.avro;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose bytes cannot be read as the expected Avro event: a wrong magic byte, a schema id the registry does not
 * know, a writer schema the reader cannot resolve, truncated data. Bad input, so the deserialization handler
 * dead-letters the record with this message; no stack trace, since it is expected input rather than a bug.
 */
public class UndecodableAvroException extends SerializationException {

    public UndecodableAvroException(String message) {
        super(message);
    }

    public UndecodableAvroException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
