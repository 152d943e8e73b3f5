package io.streamsuite.devkit;

import io.streamsuite.topologies.config.InvalidConfigException;
import io.streamsuite.topologies.runtime.CommonSettings;
import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import io.streamsuite.topologies.serde.avro.RegistryConfig;
import io.streamsuite.topologies.serde.avro.SchemaRegistryClient;
import io.streamsuite.topologies.serde.avro.SchemaRegistryException;
import java.net.URI;
import java.time.Duration;
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

    /**
     * The format, checked together with the registry URL without asking the registry anything.
     *
     * @throws ParameterException for an unknown format, or a registry URL missing or given with another format
     */
    public SerdeFormat format(CommandLine commandLine) {
        SerdeFormat serdeFormat;
        try {
            serdeFormat = SerdeFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "Invalid --format '" + format + "': expected one of "
                    + String.join(", ", SerdeFormat.configValues()));
        }
        if (serdeFormat != SerdeFormat.AVRO && schemaRegistryUrl != null) {
            throw new ParameterException(commandLine, "--schema-registry-url goes with --format avro only, not "
                    + serdeFormat.configValue());
        }
        if (serdeFormat == SerdeFormat.AVRO && schemaRegistryUrl == null) {
            throw new ParameterException(commandLine, "--format avro needs --schema-registry-url (the apps'"
                    + " schema.registry.url), e.g. http://localhost:8081");
        }
        return serdeFormat;
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
            return serdeFormat == SerdeFormat.JSON ? EventSerdes.json() : EventSerdes.avroSingleObject();
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
        return new RegistryConfig(urls, Optional.empty(), true, false, RegistryConfig.DEFAULT_REQUEST_TIMEOUT, Duration.ZERO);
    }

    private static void checkReachable(CommandLine commandLine, RegistryConfig config) {
        try {
            new SchemaRegistryClient(config).latest(PROBE_SUBJECT);
        } catch (SchemaRegistryException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new ParameterException(commandLine, "The schema registry at --schema-registry-url refuses us (HTTP "
                        + e.status() + "): give its credentials in the URL, http://user:password@host:port");
            }
            if (e.errorCode() != SUBJECT_NOT_FOUND) {
                throw new ParameterException(commandLine, "Not a Confluent-compatible schema registry at"
                        + " --schema-registry-url: HTTP " + e.status() + " where a registry answers \"subject not found\""
                        + " (40401); is it the registry's base URL (Apicurio's ends in /apis/ccompat/v7)?");
            }
        } catch (KafkaException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }
}
