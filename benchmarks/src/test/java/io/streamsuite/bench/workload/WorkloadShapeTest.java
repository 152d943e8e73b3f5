package io.streamsuite.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadShapeTest {

    @Test
    void aMillionRecordsGrowEveryHistoryAndEveryBaselineBeforeTheWindow() {
        // 200,000 records before the window: 25 transactions for each of 8,000 cards, 35 readings for each of
        // 2,857 devices' two sensors
        assertThat(WorkloadShape.forRecords(1_000_000, 0.2)).isEqualTo(new WorkloadShape(8_000, 2_857));
        assertThat(WorkloadShape.forRecords(10, 0.2)).isEqualTo(new WorkloadShape(1, 1));
    }

    @Test
    void thePreloadSpansItsRecordsAtThePopulationsPace() {
        // 8,000 cards buying every 7 minutes make 19.05 transactions a second: a million span 14 h 35 min
        double rate = CardTraffic.ratePerSecond(8_000);
        assertThat(rate).isEqualTo(8_000 / 420.0);
        assertThat(WorkloadShape.spanMillis(1_000_000, rate)).isEqualTo(52_500_000L);
        assertThat(FleetTraffic.ratePerSecond(2_857, 2, 10_000)).isEqualTo(571.4);
    }
}
