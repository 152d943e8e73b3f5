/**
 * CloudEvents 1.0 over Kafka (the CloudEvents Java SDK's Kafka protocol binding): input accepted in binary mode
 * ({@code ce_*} headers) and structured mode ({@code content-type: application/cloudevents+json}) beside plain
 * records, and binary-mode headers on every output record.
 */
package io.streamsuite.topologies.serde.cloudevents;
