package io.streamsuite.iot.app;

import io.streamsuite.topologies.testing.TopologyHarness;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;

/**
 * How fast the production topology drains readings on one thread, in a {@code TopologyTestDriver}: the stream
 * thread's own work (decode, state, stores, encode) without a broker. Not a test; run by hand, e.g.
 *
 * <pre>
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" io.streamsuite.iot.app.DrainSpeed replay 20 30d 5m
 * java -cp ... io.streamsuite.iot.app.DrainSpeed live 10000 20m 10s
 * </pre>
 *
 * Arguments: {@code replay|live}, devices, span of event time, interval between a device's readings, and optionally
 * the most readings to send. Readings go round the devices in event-time order. {@code replay} judges silence on
 * stream time and never moves the wall clock (history drained at full speed); {@code live} keeps the wall-clock
 * heartbeat and moves the driver's clock with event time. Prints readings, seconds and readings per second for the
 * whole run and for its second half (after warm-up), and per second of the driving thread's CPU: on a shared
 * machine the wall clock measures the neighbours as much as the app.
 */
public final class DrainSpeed {

    private DrainSpeed() {
    }

    public static void main(String[] args) {
        boolean replay = args[0].equals("replay");
        int devices = Integer.parseInt(args[1]);
        long span = parse(args[2]);
        long interval = parse(args[3]);
        long limit = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        long rounds = span / interval;
        long total = Math.min(limit, rounds * devices);

        Map<String, String> settings = new HashMap<>();
        settings.put("iot.heartbeat.clock", replay ? "stream-time" : "wall-clock");
        try (TopologyHarness harness = TopologyHarness.of(new IotMonitoringApp(), settings)) {
            TestInputTopic<byte[], byte[]> readings = harness.rawInput("iot-readings");
            Random random = new Random(7);
            long t0 = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
            long sent = 0;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long halfStart = start;
            long halfCpuStart = cpuStart;
            long wallClock = t0;
            for (long round = 0; round < rounds && sent < total; round++) {
                long time = t0 + round * interval;
                for (int d = 0; d < devices && sent < total; d++) {
                    // spread a round's readings over its interval, as devices do
                    long at = time + (interval * d) / devices;
                    String device = "device-" + d;
                    String json = "{\"deviceId\":\"" + device + "\",\"sensorType\":\"" + (d % 2 == 0 ? "temperature" : "humidity")
                            + "\",\"value\":" + (20 + random.nextGaussian()) + ",\"unit\":\"C\",\"timestamp\":" + at + "}";
                    readings.pipeInput(device.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
                    sent++;
                    if (sent == total / 2) {
                        halfStart = System.nanoTime();
                        halfCpuStart = threads.getCurrentThreadCpuTime();
                    }
                    if (!replay && at - wallClock >= 1000) {
                        harness.driver().advanceWallClockTime(Duration.ofMillis(at - wallClock));
                        wallClock = at;
                    }
                }
            }
            long end = System.nanoTime();
            long cpuEnd = threads.getCurrentThreadCpuTime();
            double seconds = (end - start) / 1e9;
            double secondHalf = (end - halfStart) / 1e9;
            double secondHalfCpu = (cpuEnd - halfCpuStart) / 1e9;
            System.out.printf("%s: %d readings of %d devices in %.1f s (%.1f s of CPU): %.0f readings/s;"
                            + " second half %.0f readings/s, %.0f readings per CPU second%n", args[0], sent, devices,
                    seconds, (cpuEnd - cpuStart) / 1e9, sent / seconds, (sent - sent / 2) / secondHalf,
                    (sent - sent / 2) / secondHalfCpu);
        }
    }

    private static long parse(String duration) {
        char unit = duration.charAt(duration.length() - 1);
        long amount = Long.parseLong(duration.substring(0, duration.length() - 1));
        return switch (unit) {
            case 's' -> amount * 1000;
            case 'm' -> amount * 60_000;
            case 'h' -> amount * 3_600_000;
            case 'd' -> amount * 86_400_000;
            default -> throw new IllegalArgumentException("a duration such as 30d, 5m or 10s: " + duration);
        };
    }
}
