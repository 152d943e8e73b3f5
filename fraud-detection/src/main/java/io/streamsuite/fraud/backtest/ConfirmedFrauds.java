package io.streamsuite.fraud.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.config.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --confirmed FILE}: the transactions known to be frauds, as JSON lines with a {@code transactionId} each
 * ({@code {"transactionId":"tx-42"}}; other fields are ignored). That is also the format of the fraud lines of
 * {@code devkit generate --ground-truth}, whose files are read as they are: lines of another {@code domain} are
 * skipped. Blank lines and lines starting with {@code #} are skipped too.
 */
public final class ConfirmedFrauds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfirmedFrauds() {
    }

    /** @throws InvalidConfigException for an unreadable file or a line that is not such an object, naming the line */
    public static Set<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("--confirmed " + file + " cannot be read: " + e.getMessage());
        }
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            JsonNode node = parse(file, i + 1, line);
            if (node.has("domain") && !node.path("domain").asText().equals("fraud")) {
                continue;
            }
            JsonNode id = node.path("transactionId");
            if (!id.isTextual() || id.asText().isEmpty()) {
                throw new InvalidConfigException("--confirmed " + file + " line " + (i + 1)
                        + " has no transactionId string; expected one JSON object a line, like {\"transactionId\":\"tx-42\"}");
            }
            ids.add(id.asText());
        }
        return ids;
    }

    private static JsonNode parse(Path file, int number, String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException notJson) {
            // reported below, with the line
        }
        throw new InvalidConfigException("--confirmed " + file + " line " + number
                + " is not a JSON object; expected one a line, like {\"transactionId\":\"tx-42\"}");
    }
}
