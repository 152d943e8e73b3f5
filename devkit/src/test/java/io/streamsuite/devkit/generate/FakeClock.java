package io.streamsuite.devkit.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Drives a generator with made-up {@code now} values, as a pacer would with a clock. */
final class FakeClock {

    static final long START = Instant.parse("2026-03-02T07:30:00Z").toEpochMilli();

    private FakeClock() {
    }

    /** Everything released from {@code START} to {@code START + millis}, the clock ticking every {@code step} ms. */
    static List<Output> run(TrafficGenerator generator, long millis, long step) {
        List<Output> outputs = new ArrayList<>();
        for (long now = START; now <= START + millis; now += step) {
            outputs.addAll(generator.next(now));
        }
        return outputs;
    }

    /** The same span with a clock that ticks irregularly, 1 ms to {@code maxStep} ms at a time. */
    static List<Output> runIrregularly(TrafficGenerator generator, long millis, long maxStep, long seed) {
        Random random = new Random(seed);
        List<Output> outputs = new ArrayList<>();
        long now = START;
        while (now < START + millis) {
            outputs.addAll(generator.next(now));
            now = Math.min(START + millis, now + 1 + random.nextLong(maxStep));
        }
        outputs.addAll(generator.next(START + millis));
        return outputs;
    }

    static List<Output> records(List<Output> outputs, String topic) {
        return outputs.stream().filter(output -> topic.equals(output.topic())).toList();
    }

    static <T extends Truth> List<T> truths(List<Output> outputs, Class<T> type) {
        return outputs.stream().flatMap(output -> output.truths().stream()).filter(type::isInstance).map(type::cast)
                .toList();
    }
}
