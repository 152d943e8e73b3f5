package io.streamsuite.devkit;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import io.streamsuite.topologies.serde.avro.SchemaRegistryClient;
import io.streamsuite.topologies.serde.avro.SchemaRegistryException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How the values of the suite's topics are encoded, as the apps' {@code serde.format} and {@code schema.registry.url}
 * say: the commands that write or read events encode them through the same serdes the apps use.
 */
public final class EncodingOptions {

    /** The subject the reachability check asks for, which no one registers: "subject not found" proves a registry. */
    static final String PROBE_SUBJECT = "devkit-reachability-check-value";
    private static final int SUBJECT_NOT_FOUND = 40401;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "Encoding of the values, as the apps' serde.format: json (default), avro (Confluent wire format,"
                    + " needs --schema-registry-url) or avro-single-object")
    String format;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,URL...]",
            description = "Confluent-compatible schema registry for --format avro, as the apps' schema.registry.url;"
                    + " credentials may go in the URL (http://user:password@host:8081)")
    String schemaRegistryUrl;

    public SerdeFormat format(CommandLine commandLine) {
        try {
            return SerdeFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "Invalid --format '" + format + "': expected one of "
                    + String.join(", ", SerdeFormat.configValues()));
        }
    }

    /**
     * The serdes of the configured format. In Avro mode the registry is asked once first, so that a wrong or
     * unreachable URL ends the command at start with one line rather than at the first record.
     *
     * @throws ParameterException for a bad or missing option, or a registry that does not answer
     */
    public EventSerdes serdes(CommandLine commandLine) {
        SerdeFormat serdeFormat = format(commandLine);
        if (serdeFormat != SerdeFormat.AVRO) {
            if (schemaRegistryUrl != null) {
                throw new ParameterException(commandLine, "--schema-registry-url goes with --format avro only, not "
                        + serdeFormat.configValue());
            }
            return serdeFormat == SerdeFormat.JSON ? EventSerdes.json() : EventSerdes.avroSingleObject();
        }
        if (schemaRegistryUrl == null) {
            throw new ParameterException(commandLine, "--format avro needs --schema-registry-url (the apps'"
                    + " schema.registry.url), e.g. http://localhost:8081");
        }
        RegistryConfig config = registryConfig(commandLine);
        checkReachable(commandLine, config);
        return EventSerdes.avro(config);
    }

    private RegistryConfig registryConfig(CommandLine commandLine) {
        List<URI> urls;
        try {
            urls = CommonSettings.SCHEMA_REGISTRY_URL.parse(schemaRegistryUrl).orElseThrow();
        } catch (InvalidConfigException | IllegalArgumentException e) {
            throw new ParameterException(commandLine, "Invalid --schema-registry-url '" + schemaRegistryUrl
                    + "': expected one or more http(s) URLs separated by commas");
        }
        return new RegistryConfig(urls, Optional.empty(), true, false, RegistryConfig.DEFAULT_REQUEST_TIMEOUT);
    }

    private static void checkReachable(CommandLine commandLine, RegistryConfig config) {
        try {
            new SchemaRegistryClient(config).latest(PROBE_SUBJECT);
        } catch (SchemaRegistryException e) {
            // the client's messages name the URL without its credentials
            if (e.errorCode() != SUBJECT_NOT_FOUND) {
                throw new ParameterException(commandLine, "Not a usable schema registry at --schema-registry-url: "
                        + e.getMessage());
            }
        } catch (KafkaException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
