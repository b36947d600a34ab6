package nl.sobamo.serde;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a record: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding. Matching it byte for byte keeps our topics readable by Confluent tooling and vice versa.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0x0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /** Validates the header and returns the schema id it names. */
    static int readSchemaId(byte[] data, String topic) {
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x in record from topic '%s': expected 0x00 (Confluent Avro wire format);"
                            + " was it written by a different serializer?", data[0], topic));
        }
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Record from topic '" + topic + "' is " + data.length
                    + " bytes, too short for the 5-byte Confluent Avro header");
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }
}
