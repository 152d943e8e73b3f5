package io.streamsuite.topologies.serde;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for windows and rules: the payload's {@code timestamp} when present, else the record's
 * timestamp, else the partition's current stream time. The last fallback keeps a record that carries no
 * usable time in the stream instead of dropping it, which Streams does with negative timestamps.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Long payloadTime = payloadTime(record.value());
        if (payloadTime != null && payloadTime >= 0) {
            return payloadTime;
        }
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return Math.max(partitionTime, 0);
    }

    private static Long payloadTime(Object value) {
        if (value instanceof EventTime event) {
            return event.timestamp();
        }
        if (value instanceof JsonNode node && node.hasNonNull("timestamp")) {
            try {
                return EpochMillis.parse(node.get("timestamp"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
