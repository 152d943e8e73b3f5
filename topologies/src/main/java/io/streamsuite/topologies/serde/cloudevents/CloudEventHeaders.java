package io.streamsuite.topologies.serde.cloudevents;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Header names of the CloudEvents Kafka binding (binary mode), and how to clear them. */
public final class CloudEventHeaders {

    public static final String PREFIX = "ce_";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** {@code datacontenttype} in binary mode; the event format ({@code application/cloudevents+json}) in structured mode. */
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    /**
     * Removes every CloudEvents header. Kafka Streams carries an input record's headers to the records it causes, so an
     * output would otherwise repeat the attributes of the input event beside its own.
     */
    static void clear(Headers headers) {
        List<String> names = new ArrayList<>();
        headers.forEach(header -> {
            if (header.key().startsWith(PREFIX) || header.key().equals(CONTENT_TYPE)) {
                names.add(header.key());
            }
        });
        names.forEach(headers::remove);
    }
}
