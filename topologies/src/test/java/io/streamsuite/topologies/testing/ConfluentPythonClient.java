package io.streamsuite.topologies.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Confluent's own Python client ({@code confluent_kafka.avro}, Debian's {@code python3-confluent-kafka} with
 * {@code python3-avro}) run as a foreign producer and consumer of the Confluent wire format, through the script
 * {@code interop/confluent_avro_client.py}. The packages are a precondition, never a reason to skip: {@code .ci/run}
 * installs them, and without them the interop tests fail saying what to install.
 */
public final class ConfluentPythonClient {

    /** Debian's interpreter, where apt installs the packages (a pyenv or venv python3 on the PATH would lack them). */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final String bootstrapServers;
    private final String registryUrl;

    private ConfluentPythonClient(Path script, String bootstrapServers, String registryUrl) {
        this.script = script;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /**
     * @throws IllegalStateException naming the packages to install when the client cannot be imported
     */
    public static ConfluentPythonClient connect(String bootstrapServers, String registryUrl) {
        Result check = run(List.of(PYTHON, "-c", "import confluent_kafka.avro, avro, requests"), "", 60);
        if (check.exitCode() != 0) {
            throw new IllegalStateException("Confluent's Python client is missing (" + PYTHON + "): install the Debian packages"
                    + " python3-confluent-kafka python3-avro python3-requests, as .ci/run does. " + check.stderr());
        }
        try (InputStream in = ConfluentPythonClient.class.getResourceAsStream("/interop/confluent_avro_client.py")) {
            Path script = Files.createTempFile("confluent_avro_client", ".py");
            Files.write(script, in.readAllBytes());
            return new ConfluentPythonClient(script, bootstrapServers, registryUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends each value with {@code AvroProducer}, which registers the schema under {@code <topic>-value}. */
    public void produce(String topic, Path schema, List<?> values) {
        StringBuilder lines = new StringBuilder();
        try {
            for (Object value : values) {
                lines.append(JSON.writeValueAsString(value)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result result = run(List.of(PYTHON, script.toString(), "produce", "--bootstrap", bootstrapServers, "--registry",
                registryUrl, "--topic", topic, "--schema", schema.toString()), lines.toString(), 120);
        if (result.exitCode() != 0) {
            throw new AssertionError("Python AvroProducer failed: " + result.stderr());
        }
    }

    /** Reads {@code count} records, each {@code {"key", "schema_id", "value"}} with the value as the client decoded it. */
    public List<JsonNode> consume(String topic, int count, int timeoutSeconds) {
        Result result = run(List.of(PYTHON, script.toString(), "consume", "--bootstrap", bootstrapServers, "--registry",
                registryUrl, "--topic", topic, "--count", Integer.toString(count), "--timeout",
                Integer.toString(timeoutSeconds)), "", timeoutSeconds + 60);
        if (result.exitCode() != 0) {
            throw new AssertionError("Python consumer failed: " + result.stderr());
        }
        List<JsonNode> records = new ArrayList<>();
        try {
            for (String line : result.stdout().split("\n")) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(List<String> command, String stdin, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("python-out", ".txt");
            Path err = Files.createTempFile("python-err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Python did not finish within " + timeoutSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            if (command.get(0).equals(PYTHON) && e.getMessage() != null && e.getMessage().contains("error=2")) {
                return new Result(127, "", "no " + PYTHON + " on this machine");
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
