"""Reads a sobamo table topic with Confluent's own Python client and Avro deserializer.

Usage: /usr/bin/python3 decode_table.py BOOTSTRAP REGISTRY_URL [TOPIC]
Needs Debian's python3-confluent-kafka and python3-avro (fastavro is stood in by fastavro.py beside this file).
Prints one JSON summary line: records read, distinct keys, municipalities, and the Amsterdam 6.1 row.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from confluent_kafka import DeserializingConsumer, TopicPartition  # noqa: E402
from confluent_kafka.schema_registry import SchemaRegistryClient  # noqa: E402
from confluent_kafka.schema_registry.avro import AvroDeserializer  # noqa: E402


def main():
    bootstrap, registry_url = sys.argv[1], sys.argv[2]
    topic = sys.argv[3] if len(sys.argv) > 3 else "sobamo.tables.indicators.v1"
    registry = SchemaRegistryClient({"url": registry_url})
    consumer = DeserializingConsumer({
        "bootstrap.servers": bootstrap,
        "group.id": "confluent-check",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "isolation.level": "read_committed",
        "key.deserializer": AvroDeserializer(registry),
        "value.deserializer": AvroDeserializer(registry),
    })
    metadata = consumer.list_topics(topic, timeout=10)
    partitions = [TopicPartition(topic, p, 0) for p in metadata.topics[topic].partitions]
    ends = {p.partition: consumer.get_watermark_offsets(p, timeout=10)[1] for p in partitions}
    consumer.assign(partitions)
    done = {p for p, end in ends.items() if end == 0}
    table, records = {}, 0
    while len(done) < len(partitions):
        msg = consumer.poll(2.0)
        if msg is None:
            break
        if msg.error():
            raise RuntimeError(msg.error())
        records += 1
        key = json.dumps(msg.key(), sort_keys=True)
        if msg.value() is None:
            table.pop(key, None)
        else:
            table[key] = msg.value()
        # transaction markers take offsets too, so compare the position rather than the last record's offset
        position = consumer.position([TopicPartition(topic, msg.partition())])[0].offset
        if position >= ends[msg.partition()] - 1:
            done.add(msg.partition())
    consumer.close()
    amsterdam = next((v for v in table.values() if v.get("municipalityCode") == "GM0363"
                      and v.get("indicatorId") == "iv3.lasten.6.1.per_inhabitant"), None)
    print(json.dumps({
        "records": records,
        "keys": len(table),
        "municipalities": len({v.get("municipalityCode") for v in table.values()}),
        "amsterdamPerInhabitant": amsterdam and amsterdam["value"],
    }))


if __name__ == "__main__":
    main()
