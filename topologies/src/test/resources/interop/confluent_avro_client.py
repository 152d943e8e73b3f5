"""Confluent's own Python Avro client (legacy confluent_kafka.avro) as a foreign producer and consumer.

produce: reads JSON objects, one per line, from stdin and sends each with AvroProducer (which registers the
         value schema under <topic>-value and writes the Confluent wire format). AvroProducer Avro-encodes keys
         too, so records are sent without one.
consume: reads COUNT records and prints each as a JSON line {"key", "schema_id", "value"}; values are decoded by
         the legacy MessageSerializer (what AvroConsumer uses), keys as UTF-8, because AvroConsumer insists on
         Avro keys and the suite's keys are plain strings.
"""
import argparse
import json
import struct
import sys
import time

from confluent_kafka import Consumer, KafkaError
from confluent_kafka.avro import AvroProducer, CachedSchemaRegistryClient, loads
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def produce(args):
    with open(args.schema) as schema_file:
        schema = loads(schema_file.read())
    producer = AvroProducer({"bootstrap.servers": args.bootstrap, "schema.registry.url": args.registry},
                            default_value_schema=schema)
    count = 0
    for line in sys.stdin:
        if line.strip():
            producer.produce(topic=args.topic, value=json.loads(line))
            count += 1
    if producer.flush(30) != 0:
        sys.exit("records left unsent")
    print(json.dumps({"produced": count}))


def consume(args):
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": args.registry}))
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": "python-interop-" + args.topic,
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed"})
    consumer.subscribe([args.topic])
    deadline = time.time() + args.timeout
    seen = 0
    try:
        while seen < args.count and time.time() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                # the app creates its output topic when it starts, which may be after this consumer subscribes
                if message.error().code() == KafkaError.UNKNOWN_TOPIC_OR_PART:
                    continue
                sys.exit("consume error: %s" % message.error())
            raw = message.value()
            _, schema_id = struct.unpack(">bI", raw[:5])
            print(json.dumps({"key": message.key().decode("utf-8") if message.key() is not None else None,
                              "schema_id": schema_id,
                              "value": serializer.decode_message(raw)}), flush=True)
            seen += 1
    finally:
        consumer.close()
    if seen < args.count:
        sys.exit("only %d of %d records within %d s" % (seen, args.count, args.timeout))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["produce", "consume"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    produce(args) if args.command == "produce" else consume(args)


if __name__ == "__main__":
    main()
