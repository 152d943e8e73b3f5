package io.streamsuite.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    @Test
    void readsCpuAndMemoryOfALiveProcessAndNothingOfAGoneOne() {
        ProcessSample self = ProcessSample.of(ProcessHandle.current().pid());
        System.out.printf("this JVM: %.2f CPU s, RSS %d MB, peak %d MB%n", self.cpuSeconds(), self.rssBytes() >> 20,
                self.peakRssBytes() >> 20);
        assertThat(self.cpuSeconds()).isPositive();
        assertThat(self.rssBytes()).isGreaterThan(10L << 20);
        assertThat(self.peakRssBytes()).isGreaterThanOrEqualTo(self.rssBytes());

        assertThat(ProcessSample.of(Long.MAX_VALUE)).isNull();
    }
}
