package nl.sobamo.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Test stand-in for the registry serializer: plain Avro binary, no registry. It remembers the configs Kafka gave
 * it, so a test can check what the route's endpoint passes on (e.g. {@code schema.registry.url}).
 */
public class AvroBinarySerializer implements Serializer<SpecificRecord> {

    public static volatile Map<String, Object> lastConfigs = Map.of();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        lastConfigs = Map.copyOf(configs);
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(data.getSchema()).write(data, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
