package io.streamsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML files as Jackson trees: every document of a file, anchors, aliases and merge keys resolved. */
final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Yaml() {
    }

    /** Every non-empty document of the file, in order. */
    static List<JsonNode> documents(Path file) {
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(MAPPER.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's only document. */
    static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " has " + documents.size() + " documents, expected one");
        }
        return documents.get(0);
    }

    /** A required text field: fails naming the path when it is missing, rather than comparing against "". */
    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            throw new AssertionError("missing " + pointer + " in " + abbreviate(node));
        }
        return value.asText();
    }

    static JsonNode required(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            throw new AssertionError("missing " + pointer + " in " + abbreviate(node));
        }
        return value;
    }

    private static String abbreviate(JsonNode node) {
        String text = Objects.toString(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
