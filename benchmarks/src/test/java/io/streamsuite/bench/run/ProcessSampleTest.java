package io.streamsuite.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessSampleTest {

    @Test
    void readsCpuTimeFromStatAndMemoryFromStatus() {
        // a command name with a space and a parenthesis; utime 1234 and stime 566 ticks (fields 14 and 15);
        // cutime 9999 and cstime 8888 (children waited for) are not the process's own and do not count
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 52000 0 12 0 1234 566 9999 8888 20 0 31 0 500"
                + " 3000000000 60000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB", "Threads:\t31");

        ProcessSample sample = ProcessSample.parse(7L, stat, status);

        assertThat(sample).isEqualTo(new ProcessSample(7L, 18.0, 100L << 20, 200L << 20));
    }

    @Test
    void readsALiveProcessAndNothingOfAGoneOne() {
        ProcessSample self = ProcessSample.of(ProcessHandle.current().pid());

        assertThat(self.cpuSeconds()).isPositive();
        assertThat(self.peakRssBytes()).isGreaterThanOrEqualTo(self.rssBytes());
        assertThat(ProcessSample.of(Long.MAX_VALUE)).isNull();
    }
}
