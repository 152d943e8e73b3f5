package io.streamsuite.topologies.query;

/** A request whose parameters make no sense, answered with 400 and this message. */
public class BadQueryException extends RuntimeException {

    public BadQueryException(String message) {
        super(message);
    }
}
