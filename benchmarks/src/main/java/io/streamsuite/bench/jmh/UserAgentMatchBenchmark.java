package io.streamsuite.bench.jmh;

import io.streamsuite.clickstream.ClickstreamSettings;
import io.streamsuite.clickstream.UserAgentPatterns;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The clickstream bot rule's user-agent check, per event: as it was (each default expression a case-insensitive regex,
 * scanned in turn) against {@link UserAgentPatterns} (literals searched in the user agent lower-cased once). A
 * browser's user agent matches none of the expressions, so every one is tried: the common and the worst case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UserAgentMatchBenchmark {

    @Param({"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"})
    public String userAgent;

    private final List<Pattern> regexes = ClickstreamSettings.DEFAULT_BOT_AGENTS.stream()
            .map(expression -> Pattern.compile(expression, Pattern.CASE_INSENSITIVE)).toList();
    private final UserAgentPatterns patterns = UserAgentPatterns.compile(ClickstreamSettings.DEFAULT_BOT_AGENTS);

    /** The code before the fix, kept here as the reference it is measured against. */
    @Benchmark
    public Optional<Pattern> regexPerExpression() {
        for (Pattern agent : regexes) {
            if (agent.matcher(userAgent).find()) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }

    @Benchmark
    public Optional<Pattern> userAgentPatterns() {
        return patterns.firstMatch(userAgent);
    }
}
