package io.streamsuite.topologies.runtime;

/** Kafka could not be reached or refused what start-up needs; unlike bad config, a retry may succeed. */
public class StartupException extends RuntimeException {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
