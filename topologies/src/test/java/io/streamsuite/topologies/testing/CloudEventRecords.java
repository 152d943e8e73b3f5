package io.streamsuite.topologies.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.streamsuite.topologies.serde.JsonMappers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Input records as another system would send an event as a CloudEvent with JSON data, written by the CloudEvents SDK's
 * Kafka binding: in binary mode ({@code ce_*} headers, the event JSON as the value) or structured mode (the whole event
 * as JSON, {@code content-type: application/cloudevents+json}).
 */
public final class CloudEventRecords {

    private static final URI SOURCE = URI.create("/tests/producer");

    private CloudEventRecords() {
    }

    public static ProducerRecord<byte[], byte[]> binary(String topic, String key, Object event) {
        return KafkaMessageFactory.<byte[]>createWriter(topic, utf8(key)).writeBinary(cloudEvent(event, key));
    }

    public static ProducerRecord<byte[], byte[]> structured(String topic, String key, Object event) {
        return KafkaMessageFactory.<byte[]>createWriter(topic, utf8(key)).writeStructured(cloudEvent(event, key),
                JsonFormat.CONTENT_TYPE);
    }

    private static CloudEvent cloudEvent(Object event, String subject) {
        try {
            CloudEventBuilder builder = CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(SOURCE)
                    .withType("io.streamsuite.tests." + event.getClass().getSimpleName() + ".v1")
                    .withDataContentType("application/json")
                    .withData(JsonMappers.mapper().writeValueAsBytes(event));
            return subject == null ? builder.build() : builder.withSubject(subject).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
