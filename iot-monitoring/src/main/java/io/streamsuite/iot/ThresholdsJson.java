package io.streamsuite.iot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a device's {@code thresholds} from a JSON object or from a string that holds one: Debezium captures a
 * PostgreSQL {@code jsonb} column as its JSON text, and a registry kept in a database should not need a converter of
 * its own to reach the app.
 */
final class ThresholdsJson extends JsonDeserializer<Map<String, Device.Range>> {

    @Override
    public Map<String, Device.Range> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JavaType type = context.getTypeFactory().constructMapType(Map.class, String.class, Device.Range.class);
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try (JsonParser inner = parser.getCodec().getFactory().createParser(parser.getText())) {
                inner.nextToken();
                return context.readValue(inner, type);
            }
        }
        return context.readValue(parser, type);
    }
}
