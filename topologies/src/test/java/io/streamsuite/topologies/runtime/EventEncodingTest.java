package io.streamsuite.topologies.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.topologies.config.AppConfig;
import io.streamsuite.topologies.config.ConfigSources;
import io.streamsuite.topologies.serde.SerdeFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncodingTest {

    static final Map<String, String> AVRO = Map.of("serde.format", "avro", "schema.registry.url", "http://127.0.0.1:8081");

    /**
     * The dashboard declares only the keys of reading (no registering, no outage wait): asking for one it did not
     * declare stopped it at start in Avro, which the local Avro demo caught.
     */
    @Test
    void aReaderNeedsOnlyTheKeysOfReading() {
        AppConfig reader = new AppConfig(new ConfigSources.Merged(AVRO, Map.of()), List.of(CommonSettings.SERDE_FORMAT,
                CommonSettings.SCHEMA_REGISTRY_URL, CommonSettings.BASIC_AUTH_CREDENTIALS_SOURCE,
                CommonSettings.BASIC_AUTH_USER_INFO), List.of());

        assertThat(EventEncoding.forReading(reader).format()).isEqualTo(SerdeFormat.AVRO);
    }

    @Test
    void anAppReadsEveryRegistryKey() {
        Map<String, String> values = new java.util.HashMap<>(AVRO);
        values.put("bootstrap.servers", "127.0.0.1:9092");
        AppConfig app = new AppConfig(new ConfigSources.Merged(values, Map.of()), CommonSettings.all("app"), List.of());

        assertThat(EventEncoding.from(app).format()).isEqualTo(SerdeFormat.AVRO);
    }
}
