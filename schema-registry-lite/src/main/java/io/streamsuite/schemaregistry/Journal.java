package io.streamsuite.schemaregistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's changes as JSON lines, one per registered version or compatibility level, in the order they were
 * made. Replaying them in that order gives every schema the id it had, since ids are handed out in order of first
 * registration. Each line is flushed at once: a registry killed mid-run loses nothing it has answered.
 */
abstract class Journal implements AutoCloseable {

    /** What a replay hands back, in the order of the file. */
    interface Replayer {
        void registered(String subject, Schema schema);

        void compatibilitySet(String subject, String level);
    }

    /** Reads the earlier changes into the registry; changes recorded before this are not allowed. */
    abstract void replay(Replayer replayer);

    abstract void registered(String subject, Schema schema);

    /** @param subject null for the registry's default level */
    abstract void compatibilitySet(String subject, String level);

    @Override
    public abstract void close();

    /** Keeps nothing: the registry lives in memory only. */
    static Journal none() {
        return new Journal() {
            @Override
            void replay(Replayer replayer) {
            }

            @Override
            void registered(String subject, Schema schema) {
            }

            @Override
            void compatibilitySet(String subject, String level) {
            }

            @Override
            public void close() {
            }
        };
    }

    static Journal at(Path file) {
        return new FileJournal(file);
    }

    private static final class FileJournal extends Journal {

        private final ObjectMapper json = new ObjectMapper();
        private final Path file;
        /** Null until the replay is done: what the replay re-registers is in the file already. */
        private BufferedWriter writer;

        FileJournal(Path file) {
            this.file = file;
        }

        @Override
        void replay(Replayer replayer) {
            try {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (!lines.get(i).isBlank()) {
                            replayLine(replayer, lines.get(i), i + 1);
                        }
                    }
                } else if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or create the schema registry's journal " + file, e);
            }
        }

        private void replayLine(Replayer replayer, String line, int number) {
            try {
                JsonNode change = json.readTree(line);
                String subject = change.path("subject").isTextual() ? change.get("subject").asText() : null;
                if (change.path("schema").isTextual() && subject != null) {
                    replayer.registered(subject, new Schema.Parser().parse(change.get("schema").asText()));
                } else if (change.path("compatibility").isTextual()) {
                    replayer.compatibilitySet(subject, change.get("compatibility").asText());
                } else {
                    throw new IllegalStateException("neither a schema with its subject nor a compatibility level");
                }
            } catch (IOException | SchemaParseException | IllegalStateException e) {
                throw new IllegalStateException("Line " + number + " of the schema registry's journal " + file
                        + " is not one it wrote (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + "); move the file away to start empty", e);
            }
        }

        @Override
        void registered(String subject, Schema schema) {
            append(json.createObjectNode().put("subject", subject).put("schema", schema.toString()));
        }

        @Override
        void compatibilitySet(String subject, String level) {
            append(json.createObjectNode().put("subject", subject).put("compatibility", level));
        }

        private void append(ObjectNode change) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(json.writeValueAsString(change));
                writer.newLine();
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to the schema registry's journal " + file, e);
            }
        }

        @Override
        public void close() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the schema registry's journal " + file, e);
                }
            }
        }
    }
}
