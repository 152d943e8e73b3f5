package io.streamsuite.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.bench.results.BenchResults;
import io.streamsuite.bench.results.BenchResults.DrainResult;
import io.streamsuite.bench.results.BenchResults.LatencyResult;
import io.streamsuite.bench.results.BenchResults.Machine;
import io.streamsuite.bench.results.BenchResults.MemoryResult;
import io.streamsuite.bench.results.BenchResults.Profile;
import io.streamsuite.bench.results.BenchResults.ReplayResult;
import io.streamsuite.bench.results.BenchResults.Share;
import io.streamsuite.bench.results.BenchResults.Step;
import io.streamsuite.bench.results.BenchResults.SustainableRate;
import io.streamsuite.bench.results.BenchResults.Writes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a tiny run: the smoke test of the benchmark that CI runs (the benchmark itself never). */
class ReportWriterTest {

    private static final String EOS = "exactly_once_v2";

    @TempDir
    Path dir;

    @Test
    void writesMediansSpreadsAttributionLatencyReplayAndChartsFromRecordedResults() throws Exception {
        BenchResults results = new BenchResults("b1", "2026-12-07T20:00:00Z", "2026-12-07T20:10:00Z",
                "scripts/bench.sh", new Machine("Some CPU", 2, 8_000_000_000L, "Linux", "OpenJDK 17", "4.4.0",
                "0.5 0.4 0.3", "1.5 1.0 0.5"), Map.of("records per input", "1000"),
                List.of(drain("raw-pipe", 1, 50_000, 10), drain("pass-through", 1, 20_000, 50),
                        drain("decode-validate-encode", 1, 10_000, 100), drain("kv-get-put", 1, 8_000, 125),
                        drain("fraud-detection", 1, 5_000, 200),
                        drain("raw-pipe", 2, 40_000, 12), drain("pass-through", 2, 24_000, 40),
                        drain("decode-validate-encode", 2, 10_000, 100), drain("kv-get-put", 2, 8_000, 125),
                        drain("fraud-detection", 2, 4_000, 240),
                        drain("raw-pipe", 3, 45_000, 11), drain("pass-through", 3, 16_000, 60),
                        drain("decode-validate-encode", 3, 10_000, 100), drain("kv-get-put", 3, 8_000, 125),
                        drain("fraud-detection", 3, 6_000, 160)),
                List.of(new SustainableRate("fraud-detection", EOS, 4_000, List.of(new Step(3_200, 3_190, true, "ok"),
                        new Step(4_000, 3_990, true, "ok"), new Step(5_000, 4_990, false, "growing")))),
                List.of(new LatencyResult("fraud-detection", EOS, 50, 4_000, 2_000, 1_990, 60, 1_200, 40, 90, 120,
                        300)),
                List.of(new ReplayResult("iot-monitoring", "30 days of 5-minute readings, 20 devices", EOS, 172_800,
                        "30 d", 6_000, 150, 12_000)),
                List.of(new MemoryResult("fraud-detection", "fraud-card-history", 1_000_000, 256L << 20, "512m",
                        700L << 20, 800L << 20, 300L << 20)),
                new Profile("fraud-detection", EOS, "cpu", "p.collapsed", 1000,
                        List.of(new Share("rocksdb::DBImpl::Get", 12.5)), List.of(), 40.0, 5.0),
                List.of("memory of clickstream: broker timed out"));
        Path json = dir.resolve("results.json");
        results.write(json);
        Path jmh = dir.resolve("jmh.json");
        Files.writeString(jmh, """
                [{"benchmark": "io.streamsuite.bench.jmh.StoredValueSerdeBenchmark.cardHistoryDecode", "mode": "avgt",
                  "params": {}, "primaryMetric": {"score": 812.4, "scoreError": 10.2, "scoreUnit": "ns/op"}},
                 {"benchmark": "io.streamsuite.bench.jmh.StoredValueSerdeBenchmark.deviceStateDecode", "mode": "avgt",
                  "params": {}, "primaryMetric": {"score": 100.0, "scoreError": 150.0, "scoreUnit": "ns/op"}}]
                """);
        Path method = dir.resolve("method.md");
        Files.writeString(method, "## Method\n\nHow it is measured.\n");
        Path out = dir.resolve("docs/benchmarks.md");

        new ReportWriter(BenchResults.read(json), jmh, method, List.of()).write(out);

        String report = Files.readString(out);
        System.out.println(report);
        assertThat(report).contains("## Method\n\nHow it is measured.");
        // pass-through medians: 20,000/s (16,000 - 24,000, spread 8,000 / 20,000 = 40 %), CPU 50 s per 1M
        assertThat(report).contains("| transactions | pass-through | exactly_once_v2 | 3 | 20,000 | 16,000 - 24,000 |"
                + " 40 % | 50.0 | 5.0 | 1.50 | 300 | 200 | 1.000 |");
        // the app: median 5,000/s (4,000 - 6,000), 0.25 of the pass-through's
        assertThat(report).contains("| transactions | fraud-detection | exactly_once_v2 | 3 | 5,000 | 4,000 - 6,000 |"
                + " 40 % | 200.0 | 5.0 | 1.50 | 300 | 200 | 0.250 |");
        // attribution: raw pipe 45,000, decode 10,000, kv 8,000, app 5,000 against 20,000; CPU 200 / 50
        assertThat(report).contains("| transactions (fraud-detection) | exactly_once_v2 | 2.250 | 0.500 | 0.400 | 0.250"
                + " | 4.00 |");
        assertThat(report).contains("| fraud-detection | exactly_once_v2 | 4,000 | 3200: ok, 4000: ok, 5000: lag"
                + " unbounded (growing) |");
        assertThat(report).contains("| fraud-detection | exactly_once_v2 | 50 | 4,000 | 2,000 | 1,990 | 60 | 1,200 | 40"
                + " | 90 | 120 | 300 |");
        assertThat(report).contains("| iot-monitoring | 30 days of 5-minute readings, 20 devices | exactly_once_v2 |"
                + " 172,800 | 30 d | 6,000 | 150.0 | 12,000 | 0.50 |");
        assertThat(report).contains("| fraud-detection | `fraud-card-history` | 1,000,000 | 256 | 512m | 700 | 800 | 300 |");
        assertThat(report).contains("- memory of clickstream: broker timed out");
        assertThat(report).contains("`rocksdb::DBImpl::Get` | 12.5", "40.0 % of them on a native frame");
        // an error bar wider than the score is flagged
        assertThat(report).contains("cardHistoryDecode |  | avgt | 812.4 | 10.2 | ns/op | yes |",
                "deviceStateDecode |  | avgt | 100.0 | 150.0 | ns/op | no |");
        assertThat(dir.resolve("docs/benchmarks/throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("docs/benchmarks/latency.png")).isNotEmptyFile();
    }

    private static DrainResult drain(String variant, int repeat, double perSecond, double cpuPerMillion) {
        return new DrainResult(variant, "transactions", EOS, repeat, 80_000, 80_000 / perSecond, perSecond,
                cpuPerMillion, 5.0, 200L << 20, new Writes(1.0, 0.5, 0.0, 200, 100, 0));
    }
}
