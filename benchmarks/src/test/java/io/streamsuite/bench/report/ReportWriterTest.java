package io.streamsuite.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import io.streamsuite.bench.results.BenchResults.Machine;
import io.streamsuite.bench.results.BenchResults.MemoryResult;
import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.Share;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a tiny run: the smoke test of the benchmark that CI runs (the benchmark itself never). */
class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTablesRatiosAndChartsFromRecordedResults() throws Exception {
        BenchResults results = new BenchResults("b1", "2026-11-21T20:00:00Z", "2026-11-21T20:10:00Z",
                "scripts/bench.sh", new Machine("Some CPU", 2, 8_000_000_000L, "Linux", "OpenJDK 17", "4.3.1",
                "0.5 0.4 0.3", "1.5 1.0 0.5"), Map.of("records per input", "1000"),
                List.of(drain("raw-consume", "-", 100_000, 10), drain("raw-pipe", "at_least_once", 50_000, 20),
                        drain("pass-through", "exactly_once_v2", 20_000, 50),
                        drain("fraud-detection (before the fix)", "exactly_once_v2", 4_000, 250),
                        drain("fraud-detection", "exactly_once_v2", 5_000, 200)),
                List.of(new LatencyResult("pass-through", "exactly_once_v2", 50, 10_000, 9_900, 120_000, 40, 90, 120,
                        300)),
                List.of(new MemoryResult("fraud-detection", "fraud-card-history", 1_000_000, 256L << 20, "512m",
                        700L << 20, 800L << 20, 300L << 20)),
                new Profile("fraud-detection", "exactly_once_v2", "p.jfr", 1000,
                        List.of(new Share("JsonSerde.deserialize", 12.5)), List.of(), List.of()),
                List.of("memory of clickstream: broker timed out"));
        Path json = dir.resolve("results.json");
        results.write(json);
        Path jmh = dir.resolve("jmh.json");
        Files.writeString(jmh, """
                [{"benchmark": "io.streamsuite.bench.jmh.SerdeBenchmark.jsonEncodeSerde", "mode": "avgt",
                  "params": {"history": "5"},
                  "primaryMetric": {"score": 812.4, "scoreError": 10.2, "scoreUnit": "ns/op"}}]
                """);
        Path out = dir.resolve("docs/benchmarks.md");

        new ReportWriter(BenchResults.read(json), jmh, null, null).write(out);

        String report = Files.readString(out);
        System.out.println(report);
        // fraud at 5,000/s against the pass-through's 20,000/s; the pass-through against the raw pipe's 50,000/s
        assertThat(report).contains("| transactions (fraud-detection) | exactly_once_v2 | 0.25 | 4.00 | 0.40 | 2.50 |");
        assertThat(report).contains("| pass-through | exactly_once_v2 | 50 | 10,000 | 9,900 | 120,000 | 40 | 90 | 120 | 300 |");
        assertThat(report).contains("| fraud-detection | `fraud-card-history` | 1,000,000 | 256 | 512m | 700 | 800 | 300 |");
        assertThat(report).contains("- memory of clickstream: broker timed out");
        assertThat(report).contains("`JsonSerde.deserialize` | 12.5", "SerdeBenchmark.jsonEncodeSerde", "812.4");
        // the same run drained the older jar right before the current one
        assertThat(report).contains("| transactions | fraud-detection (before the fix) | exactly_once_v2 | 4,000 | 5,000 |"
                + " 1.25 | 250.0 | 200.0 | 0.80 |");
        assertThat(dir.resolve("docs/benchmarks/throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("docs/benchmarks/latency.png")).isNotEmptyFile();
    }

    private static DrainResult drain(String variant, String guarantee, double perSecond, double cpuPerMillion) {
        return new DrainResult(variant, "transactions", guarantee, 100_000, 100_000 / perSecond, perSecond,
                cpuPerMillion / 10, cpuPerMillion, 200L << 20);
    }
}
