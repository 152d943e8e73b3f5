package io.streamsuite.topologies.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsuite.topologies.sample.Order;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    final EventTimeExtractor extractor = new EventTimeExtractor();

    static ConsumerRecord<Object, Object> record(Object value, long recordTimestamp) {
        return new ConsumerRecord<>("t", 0, 0, recordTimestamp, TimestampType.CREATE_TIME, 0, 0, "k", value,
                new RecordHeaders(), Optional.empty());
    }

    @Test
    void payloadTimeWins() {
        assertThat(extractor.extract(record(new Order("o", "c", 1.0, 5_000L), 9_000L), 7_000L)).isEqualTo(5_000L);
    }

    @Test
    void recordTimeWhenThePayloadHasNone() {
        assertThat(extractor.extract(record(new Order("o", "c", 1.0, null), 9_000L), 7_000L)).isEqualTo(9_000L);
        assertThat(extractor.extract(record("plain string", 9_000L), 7_000L)).isEqualTo(9_000L);
        assertThat(extractor.extract(record(new Order("o", "c", 1.0, -1L), 9_000L), 7_000L)).isEqualTo(9_000L);
    }

    @Test
    void partitionTimeWhenNothingElseIsUsable() {
        assertThat(extractor.extract(record(null, -1L), 7_000L)).isEqualTo(7_000L);
        assertThat(extractor.extract(record(null, -1L), -1L)).isZero();
    }

    @Test
    void readsJsonTreesInBothForms() throws Exception {
        JsonNode millis = JsonMappers.mapper().readTree("{\"timestamp\":1700000000000}");
        JsonNode iso = JsonMappers.mapper().readTree("{\"timestamp\":\"2023-11-14T22:13:20Z\"}");
        JsonNode garbage = JsonMappers.mapper().readTree("{\"timestamp\":\"soon\"}");
        assertThat(extractor.extract(record(millis, 1L), 0)).isEqualTo(1_700_000_000_000L);
        assertThat(extractor.extract(record(iso, 1L), 0)).isEqualTo(1_700_000_000_000L);
        assertThat(extractor.extract(record(garbage, 1L), 0)).isEqualTo(1L);
    }
}
