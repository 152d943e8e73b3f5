package io.streamsuite.topologies.serde.cloudevents;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event whether it arrives plain, as a CloudEvent in Kafka binary mode ({@code ce_*} headers, the event as
 * the value) or in structured mode ({@code content-type: application/cloudevents+json}, the event in {@code data}).
 * The CloudEvent's data is decoded as JSON when its {@code datacontenttype} says JSON (or, in structured mode, says
 * nothing), else with the configured format, so a JSON CloudEvent is read whatever {@code serde.format} is.
 */
public final class CloudEventsDeserializer<T> implements Deserializer<T> {

    private static final String STRUCTURED_PREFIX = "application/cloudevents";

    private final Deserializer<T> format;
    private final Deserializer<T> json;

    /**
     * @param format the configured {@code serde.format}: plain records and CloudEvents of another content type
     * @param json   for CloudEvents whose data is JSON
     */
    public CloudEventsDeserializer(Deserializer<T> format, Deserializer<T> json) {
        this.format = format;
        this.json = json;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return format.deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        Encoding encoding = data == null || headers == null ? null : encodingOf(headers);
        if (encoding == null) {
            return format.deserialize(topic, headers, data);
        }
        CloudEvent event;
        try {
            MessageReader reader = KafkaMessageFactory.createReader(headers, data);
            event = reader.toEvent();
        } catch (RuntimeException e) {
            // the SDK signals bad input with several unrelated exceptions (CloudEventRWException,
            // EventDeserializationException, IllegalStateException); all of them mean this record is not a valid event
            throw new UndecodableCloudEventException("Invalid CloudEvent in topic " + topic + ": " + e.getMessage(), e);
        }
        CloudEventData eventData = event.getData();
        if (eventData == null) {
            throw new UndecodableCloudEventException("CloudEvent " + event.getId() + " (" + event.getType() + ") in topic "
                    + topic + " carries no data", null);
        }
        boolean isJson = event.getDataContentType() == null ? encoding == Encoding.STRUCTURED : isJson(event.getDataContentType());
        return (isJson ? json : format).deserialize(topic, headers, eventData.toBytes());
    }

    /** How the record carries a CloudEvent, by the rules of the Kafka binding; null for a plain record. */
    private static Encoding encodingOf(Headers headers) {
        Header contentType = headers.lastHeader(CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.value() != null && new String(contentType.value(), StandardCharsets.UTF_8)
                .trim().toLowerCase(Locale.ROOT).startsWith(STRUCTURED_PREFIX)) {
            return Encoding.STRUCTURED;
        }
        return headers.lastHeader(CloudEventHeaders.SPEC_VERSION) != null ? Encoding.BINARY : null;
    }

    /** {@code application/json}, {@code text/json} and any {@code +json} type, with or without parameters. */
    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
    }
}
