package io.streamsuite.devkit.generate;

import java.io.IOException;

/** Where generated records go: Kafka, or a file of JSON lines. */
interface Sink extends AutoCloseable {

    /**
     * Sends one record; may return before it is written.
     *
     * @return false if it could not be handed over, because this or an earlier send failed
     */
    boolean send(Output record) throws IOException;

    /** The first error of an earlier send, if any: the run stops on it. */
    Exception failure();

    /** Where the records go, for the summary. */
    String describe();

    /** Writes out everything sent and releases the destination. */
    @Override
    void close() throws IOException;
}
