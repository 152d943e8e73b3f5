package io.streamsuite.topologies.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a timestamp field as epoch milliseconds from either a JSON integer or an ISO-8601 string
 * ({@code 2026-11-21T10:15:30Z}, {@code 2026-11-21T10:15:30.250+01:00}). Use it on event fields with
 * {@code @JsonDeserialize(using = EpochMillis.Deserializer.class) Long timestamp}.
 */
public final class EpochMillis {

    private EpochMillis() {
    }

    /** Parses an ISO-8601 instant, with a {@code Z} or an offset. */
    public static long parse(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not an ISO-8601 timestamp: " + text);
            }
        }
    }

    static Long parse(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            return parse(node.textValue());
        }
        throw new IllegalArgumentException("not a timestamp: " + node);
    }

    /** The Jackson side of {@link EpochMillis}. */
    public static final class Deserializer extends StdDeserializer<Long> {

        public Deserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return parse(parser.getText());
                } catch (IllegalArgumentException e) {
                    return (Long) context.handleWeirdStringValue(Long.class, parser.getText(),
                            "expected epoch milliseconds or an ISO-8601 timestamp");
                }
            }
            return (Long) context.handleUnexpectedToken(Long.class, parser);
        }
    }
}
