"""Minimal stand-in for the parts of fastavro that confluent-kafka's AvroDeserializer imports.

Debian ships python3-confluent-kafka and python3-avro but not fastavro; this module maps the three functions
confluent_kafka.schema_registry.avro uses onto the Apache Avro library, so the *Confluent* deserializer (its
wire-format parsing and registry lookups) is what decodes sobamo's topics.
"""
import json

import avro.io
import avro.schema


def parse_schema(schema):
    return schema


def _parse(schema):
    return avro.schema.parse(json.dumps(schema))


def schemaless_reader(fo, writer_schema, reader_schema=None, return_record_name=False):
    writer = _parse(writer_schema)
    reader = _parse(reader_schema) if reader_schema is not None else writer
    return avro.io.DatumReader(writer, reader).read(avro.io.BinaryDecoder(fo))


def schemaless_writer(fo, schema, record):
    avro.io.DatumWriter(_parse(schema)).write(record, avro.io.BinaryEncoder(fo))
