package io.streamsuite.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.bench.results.BenchResults.Writes;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteMeterTest {

    @Test
    void splitsWhatADrainWroteByKindOfTopicPerInputRecord() {
        WriteMeter meter = new WriteMeter(null, null, Set.of("transactions"));
        WriteMeter.Snapshot before = new WriteMeter.Snapshot(Map.of("fraud-alerts", 10L,
                "g-fraud-card-history-changelog", 0L), Map.of());
        // 1,000 inputs: 20 alerts, 1,000 changelog records and 1,000 repartitioned, and a topic created meanwhile
        WriteMeter.Snapshot after = new WriteMeter.Snapshot(Map.of("fraud-alerts", 30L,
                "g-fraud-card-history-changelog", 1_000L, "g-fraud-by-card-repartition", 1_000L, "g-dlq", 5L), Map.of());

        Writes writes = meter.between(before, after, 1_000);

        assertThat(writes.outputRecords()).isEqualTo(0.025);
        assertThat(writes.changelogRecords()).isEqualTo(1.0);
        assertThat(writes.repartitionRecords()).isEqualTo(1.0);
        assertThat(writes.totalRecords()).isEqualTo(2.025);
        // no broker metrics: bytes are unknown, not zero
        assertThat(writes.outputBytes()).isNaN();
    }
}
