package io.streamsuite.topologies.serde.cloudevents;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of an output topic that stamp each record with CloudEvents binary-mode headers: {@code ce_specversion=1.0},
 * a random {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time} (when the record is written),
 * {@code ce_subject} (the record key) and {@code content-type} (the encoding of the value). The value stays the event
 * as the configured format encodes it.
 *
 * <p>The subject is the key, which a value serializer never sees: the key serializer leaves it in the
 * {@code ce_subject} header and the value serializer, which Kafka Streams calls next with the same headers, builds the
 * event around it. Headers the output inherited from its input (Streams carries them along) are replaced.
 */
public final class CloudEventsOutput {

    private final URI source;
    private final String contentType;
    private final Clock clock;

    /**
     * @param source      {@code ce_source}: which app produced the events
     * @param contentType {@code datacontenttype} of the values, e.g. {@code application/json}
     */
    public CloudEventsOutput(URI source, String contentType, Clock clock) {
        this.source = source;
        this.contentType = contentType;
        this.clock = clock;
    }

    public CloudEventsOutput(URI source, String contentType) {
        this(source, contentType, Clock.systemUTC());
    }

    /** {@code ce_type} of an event type: its reverse-DNS class name and the version of its schema. */
    public static String eventType(Class<?> type) {
        return type.getPackageName() + "." + type.getSimpleName() + ".v1";
    }

    /** The key serde with the key recorded as {@code ce_subject}; reading is unchanged. */
    public <K> Serde<K> keySerde(Serde<K> keys) {
        Serializer<K> inner = keys.serializer();
        Serializer<K> stamping = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, K key) {
                return inner.serialize(topic, key);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, K key) {
                byte[] bytes = inner.serialize(topic, headers, key);
                if (headers != null) {
                    headers.remove(CloudEventHeaders.SUBJECT);
                    if (key != null) {
                        headers.add(CloudEventHeaders.SUBJECT, key.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
                return bytes;
            }
        };
        return Serdes.serdeFrom(stamping, keys.deserializer());
    }

    /** The value serde with each record written as a CloudEvent of the given {@code ce_type}; reading is unchanged. */
    public <V> Serde<V> valueSerde(Serde<V> values, String type) {
        Serializer<V> inner = values.serializer();
        CloudEventSerializer binary = new CloudEventSerializer();
        binary.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        Serializer<V> stamping = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, V value) {
                return inner.serialize(topic, value);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, V value) {
                byte[] data = inner.serialize(topic, headers, value);
                if (headers == null) {
                    return data;
                }
                String subject = text(headers.lastHeader(CloudEventHeaders.SUBJECT));
                CloudEventHeaders.clear(headers);
                if (data == null) {
                    return null; // a tombstone is no event
                }
                CloudEventBuilder event = CloudEventBuilder.v1()
                        .withId(UUID.randomUUID().toString())
                        .withSource(source)
                        .withType(type)
                        .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .withDataContentType(contentType)
                        .withData(data);
                if (subject != null) {
                    event.withSubject(subject);
                }
                return binary.serialize(topic, headers, event.build());
            }
        };
        return Serdes.serdeFrom(stamping, values.deserializer());
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
