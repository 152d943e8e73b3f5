package io.streamsuite.topologies.serde.avro;

import org.apache.kafka.common.errors.RetriableException;

/**
 * No configured registry URL answered (connection refused, timeout, a 5xx answer), after retries over all of them.
 * Retriable: a record waiting for its schema is not bad input, so it is never dead-lettered; the stream thread fails
 * and the runner replaces it, which retries the record from its committed offset.
 */
public class SchemaRegistryUnavailableException extends RetriableException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
