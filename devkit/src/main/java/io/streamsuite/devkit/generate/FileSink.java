package io.streamsuite.devkit.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsuite.topologies.serde.JsonMappers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each record as a JSON line {@code {"topic":...,"key":...,"value":{...}}}, for tests and scoring. */
final class FileSink implements Sink {

    private final ObjectMapper json = JsonMappers.mapper();
    private final Path path;
    private final BufferedWriter writer;

    FileSink(Path path) throws IOException {
        this.path = path;
        this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    @Override
    public boolean send(Output record) throws IOException {
        ObjectNode line = json.createObjectNode();
        line.put("topic", record.topic());
        line.put("key", record.key());
        line.set("value", json.valueToTree(record.value()));
        writer.write(json.writeValueAsString(line));
        writer.newLine();
        return true;
    }

    @Override
    public Exception failure() {
        return null;
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
