package io.streamsuite.topologies.serde;

import java.util.Arrays;
import java.util.List;

/** The encodings {@code serde.format} selects for the events of input and output topics. */
public enum SerdeFormat {

    /** UTF-8 JSON objects, field names as in the contract. */
    JSON("json", "application/json"),
    /** Avro binary in the Confluent wire format, against a Confluent-compatible schema registry. */
    AVRO("avro", "application/avro"),
    /** Avro's single-object encoding (marker, schema fingerprint, Avro binary); no registry. */
    AVRO_SINGLE_OBJECT("avro-single-object", "application/avro");

    private final String configValue;
    private final String contentType;

    SerdeFormat(String configValue, String contentType) {
        this.configValue = configValue;
        this.contentType = contentType;
    }

    /** The value of {@code serde.format}. */
    public String configValue() {
        return configValue;
    }

    /** The CloudEvents {@code datacontenttype} of values in this format. */
    public String contentType() {
        return contentType;
    }

    public static List<String> configValues() {
        return Arrays.stream(values()).map(SerdeFormat::configValue).toList();
    }

    /** @throws IllegalArgumentException for anything but one of {@link #configValues()} */
    public static SerdeFormat of(String configValue) {
        return Arrays.stream(values()).filter(f -> f.configValue.equals(configValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(configValue));
    }
}
