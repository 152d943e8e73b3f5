package io.streamsuite.devkit.generate;

import io.streamsuite.topologies.serde.EventSerdes;
import io.streamsuite.topologies.serde.SerdeFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What the three {@code generate} subcommands share: options, checks, the run, Ctrl-C and the summary. */
abstract class DomainCommand implements Callable<Integer> {

    @Mixin
    GenerateOptions options;

    @Spec
    CommandSpec spec;

    /** The generator of the domain; {@code rate} is what its population is sized for. */
    abstract TrafficGenerator create(long seed, double rate, long start);

    @Override
    public Integer call() throws IOException, InterruptedException {
        check();
        LongSupplier clock = System::currentTimeMillis;
        GroundTruthWriter truth = openGroundTruth();
        Sink sink;
        try {
            sink = openSink(spec.name());
        } catch (RuntimeException e) {
            truth.close();
            throw e;
        }
        long start = start(clock.getAsLong());
        TrafficGenerator generator = create(options.seed, options.populationRate(), start);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // the run closes the producer and the files and prints its summary, then lets the JVM go
                finished.await(45, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAndReport(generator, sink, truth, clock, start, stop);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what stopped us
            }
        }
    }

    /**
     * When event time begins: now for live traffic; for {@code --rate 0} so long before now that the run ends about
     * now (brokers refuse timestamps more than an hour ahead of their clock by default).
     */
    private long start(long now) {
        if (options.rate > 0) {
            return now;
        }
        long span = Long.MAX_VALUE;
        if (options.duration != null) {
            span = options.duration.toMillis();
        }
        if (options.count != null) {
            span = Math.min(span, (long) (options.count / options.populationRate() * 1000));
        }
        return now - span;
    }

    private int runAndReport(TrafficGenerator generator, Sink sink, GroundTruthWriter truth, LongSupplier clock,
                             long start, AtomicBoolean stop) throws IOException, InterruptedException {
        Pacer pacer = options.rate == 0 ? Pacer.freeRunning() : Pacer.wallClock(clock);
        GenerateRun.Result result;
        // closed before the summary: the producer flushes, the ground truth is complete, the bar is gone
        try (truth; sink; Progress progress = options.quiet ? Progress.none()
                : Progress.bar("generate " + generator.domain(), generator.unit(),
                options.count == null ? -1 : options.count, System.console() != null, System.err)) {
            result = new GenerateRun(generator, sink, truth, pacer, progress, clock, start,
                    options.count == null ? 0 : options.count, options.duration).run(stop);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(generator, result, sink.describe(), truth, start));
        out.flush();
        if (result.failure() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("generate " + generator.domain() + ": sending to " + sink.describe() + " failed: "
                    + result.failure().getMessage());
            err.flush();
            return 1;
        }
        return 0;
    }

    private void check() {
        SerdeFormat format = options.encoding.format(spec.commandLine());
        if (options.destination.out != null && format != SerdeFormat.JSON) {
            throw new ParameterException(spec.commandLine(), "--out writes JSON lines; --format "
                    + format.configValue() + " writes to Kafka only (--bootstrap-servers)");
        }
        if (!(options.rate >= 0) || Double.isInfinite(options.rate)) {
            throw new ParameterException(spec.commandLine(), "Invalid --rate " + options.rate
                    + ": expected events per second, 0 or more (0 = as fast as possible)");
        }
        if (options.count != null && options.count <= 0) {
            throw new ParameterException(spec.commandLine(), "Invalid --count " + options.count
                    + ": expected a positive number of events");
        }
        if (options.rate == 0 && options.count == null && options.duration == null) {
            throw new ParameterException(spec.commandLine(),
                    "--rate 0 (as fast as possible) needs --count or --duration");
        }
    }

    private GroundTruthWriter openGroundTruth() {
        try {
            return GroundTruthWriter.to(options.groundTruth);
        } catch (IOException e) {
            throw cannotWrite("--ground-truth", options.groundTruth, e);
        }
    }

    private Sink openSink(String domain) {
        Path out = options.destination.out;
        if (out != null) {
            try {
                return new FileSink(out);
            } catch (IOException e) {
                throw cannotWrite("--out", out, e);
            }
        }
        String servers = options.destination.bootstrapServers;
        // the serdes the apps use: in Avro mode they register the schemas, as any producer would
        EventSerdes serdes = options.encoding.serdes(spec.commandLine());
        try {
            return new KafkaSink(servers, "devkit-generate-" + domain, serdes);
        } catch (KafkaException e) {
            throw new ParameterException(spec.commandLine(), "Invalid --bootstrap-servers '" + servers + "': "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    private ParameterException cannotWrite(String option, Path path, IOException e) {
        return new ParameterException(spec.commandLine(), "Cannot write " + option + " " + path + ": "
                + e.getClass().getSimpleName() + " " + e.getMessage());
    }

    private String summary(TrafficGenerator generator, GenerateRun.Result result, String destination,
                           GroundTruthWriter truth, long start) {
        Tally tally = result.tally();
        double seconds = Math.max(result.wallMillis(), 1) / 1000.0;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "generate %s: %d %s sent in %s (%.1f/s) to %s", generator.domain(), tally.events(),
                generator.eventNoun(), duration(result.wallMillis()), tally.events() / seconds, destination));
        tally.perTopic().forEach((topic, count) -> {
            if (!topic.equals(generator.mainTopic())) {
                line.append(", ").append(count).append(" to ").append(topic);
            }
        });
        if (options.rate == 0) {
            line.append("; event times span ").append(duration(result.eventMillis())).append(" from ")
                    .append(Instant.ofEpochMilli(start));
        }
        line.append("; injected: ").append(tally.injectedText());
        if (truth.path() != null) {
            line.append("; ground truth: ").append(tally.truthLines()).append(" lines in ").append(truth.path());
        }
        return line.toString();
    }

    private static String duration(long millis) {
        long seconds = millis / 1000;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return seconds < 3600
                ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
