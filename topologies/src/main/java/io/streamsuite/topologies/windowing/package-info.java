/**
 * Windowing building blocks shared by the topologies: window definitions that always carry an
 * explicit grace period, helpers for {@link org.apache.kafka.streams.kstream.Windowed} keys, and
 * immutable, JSON-serialisable aggregates ({@link io.streamsuite.topologies.windowing.RunningStats},
 * {@link io.streamsuite.topologies.windowing.EwmStats}, {@link io.streamsuite.topologies.windowing.TopN},
 * {@link io.streamsuite.topologies.windowing.DistinctCount})
 * that can live in state stores.
 */
package io.streamsuite.topologies.windowing;
