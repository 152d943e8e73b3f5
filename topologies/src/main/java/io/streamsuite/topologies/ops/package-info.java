/**
 * The operations surface every app gets from the runner: an HTTP server ({@link io.streamsuite.topologies.ops.OpsServer})
 * with liveness and readiness ({@link io.streamsuite.topologies.ops.Health}) and Prometheus metrics
 * ({@link io.streamsuite.topologies.ops.AppMetrics}), and the tracking and logging of store restoration
 * ({@link io.streamsuite.topologies.ops.RestorationTracker}).
 */
package io.streamsuite.topologies.ops;
