package io.streamsuite.devkit.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ground-truth file: one JSON object per line, written as the records it describes are sent. */
final class GroundTruthWriter implements AutoCloseable {

    private static final long FLUSH_EVERY_MS = 2000;

    private final ObjectMapper json = JsonMappers.mapper();
    private final Path path;
    private final BufferedWriter writer;
    private long lines;
    private long flushedAt;

    private GroundTruthWriter(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** A writer to {@code path}, or one that writes nothing if it is null. */
    static GroundTruthWriter to(Path path) throws IOException {
        return new GroundTruthWriter(path, path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    }

    /** Writes a line; flushes every few seconds of wall-clock time, so that someone tailing the file sees progress. */
    void write(Truth truth, long wallClock) throws IOException {
        lines++;
        if (writer == null) {
            return;
        }
        writer.write(json.writeValueAsString(truth));
        writer.newLine();
        if (wallClock - flushedAt >= FLUSH_EVERY_MS) {
            writer.flush();
            flushedAt = wallClock;
        }
    }

    long lines() {
        return lines;
    }

    /** Where it goes, or null when nowhere. */
    Path path() {
        return writer == null ? null : path;
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
