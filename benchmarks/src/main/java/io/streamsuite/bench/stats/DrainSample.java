package io.streamsuite.bench.stats;

/**
 * One look at a drain from the outside: when (System.nanoTime), how many input records the group had committed, and
 * the CPU seconds the measured process and the broker had used so far.
 */
public record DrainSample(long nanos, long committed, double appCpuSeconds, double brokerCpuSeconds) {
}
