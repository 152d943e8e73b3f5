/**
 * Avro for the suite's events: {@code serde.format=avro} in the Confluent wire format against a schema registry
 * ({@link io.streamsuite.topologies.serde.avro.ConfluentAvroSerde}, {@link io.streamsuite.topologies.serde.avro.SchemaRegistryClient}),
 * and {@code serde.format=avro-single-object}, Avro's own single-object encoding without a registry
 * ({@link io.streamsuite.topologies.serde.avro.SingleObjectAvroSerde}). Events stay plain Java records;
 * {@link io.streamsuite.topologies.serde.avro.RecordMapper} converts them to and from the generated {@code SpecificRecord}s.
 */
package io.streamsuite.topologies.serde.avro;
