package nl.sobamo.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.SchemaNotFoundException;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format (see {@link WireFormat}), registering or looking up the
 * schema under {@code <topic>-key} / {@code <topic>-value}.
 *
 * <p>Usable by class name from Kafka clients and Camel ({@code schema.registry.url} and optionally
 * {@value AvroSerdeConfig#AUTO_REGISTER_SCHEMAS} in the client properties), or constructed with a client for
 * programmatic use. Thread-safe once configured.
 */
public final class SobamoAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

    /** A thread's reusable output buffer and encoder. */
    private static final class Buffer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        BinaryEncoder encoder;
    }

    private final boolean clientInjected;
    private volatile SchemaRegistryClient registry;
    private volatile AvroSerdeConfig config;
    private final ConcurrentMap<Class<?>, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must be called before use. */
    public SobamoAvroSerializer() {
        this.clientInjected = false;
    }

    /** Ready to use; a later {@link #configure} may change the settings but keeps this client. */
    public SobamoAvroSerializer(SchemaRegistryClient registry, AvroSerdeConfig config) {
        this.clientInjected = true;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.fromProperties(configs, isKey);
        if (!clientInjected) {
            this.registry = SchemaRegistryClients.forConfig(RegistryConfig.fromProperties(configs));
        }
    }

    /** Null stays null so that tombstones on compacted topics pass through. */
    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        AvroSerdeConfig settings = requireConfigured();
        if (topic == null) {
            throw new SerializationException("Cannot serialise " + data.getClass().getName()
                    + " without a topic: the registry subject is derived from it");
        }
        String subject = TopicNameStrategy.subject(topic, settings.isKey());
        Schema schema = data.getSchema();
        int id = schemaId(settings, subject, schema, topic);
        try {
            // One buffer and one buffered encoder per thread, reused (BinaryEncoders are not thread-safe): a fresh
            // direct encoder and a growing 128-byte stream per record were the top CPU frames of the benchmark
            // profile (docs/performance.md), in every service.
            Buffer buffer = BUFFERS.get();
            ByteArrayOutputStream out = buffer.out;
            out.reset();
            WireFormat.writeHeader(out, id);
            buffer.encoder = EncoderFactory.get().binaryEncoder(out, buffer.encoder);
            writerFor(data).write(data, buffer.encoder);
            buffer.encoder.flush();
            byte[] bytes = out.toByteArray();
            if (out.size() > MAX_KEPT_BUFFER) {
                BUFFERS.remove(); // one huge record (a checkpoint with digests) must not pin its buffer forever
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            // Avro reports a missing required field or a wrong type as NPE / ClassCastException / AvroRuntimeException.
            BUFFERS.remove(); // the encoder may hold half a record: never reuse it
            throw new SerializationException("Could not encode " + data.getClass().getName() + " for topic '" + topic
                    + "' (subject '" + subject + "', schema id " + id + "): " + e, e);
        }
    }

    /** The client is not closed: it is shared with other serdes configured the same way, or owned by the caller. */
    @Override
    public void close() {
    }

    private int schemaId(AvroSerdeConfig settings, String subject, Schema schema, String topic) {
        try {
            return settings.autoRegisterSchemas()
                    ? registry.register(subject, schema)
                    : registry.lookupId(subject, schema);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' (topic '" + topic + "') and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
                    + " is false: " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not " + (settings.autoRegisterSchemas() ? "register" : "look up")
                    + " schema " + schema.getFullName() + " for topic '" + topic + "' (subject '" + subject + "'): "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<Object> writerFor(T data) {
        // The class's own SpecificData carries the logical-type conversions (e.g. Instant for timestamp-millis)
        // its generated code registered; the global instance does not.
        return writers.computeIfAbsent(data.getClass(), type -> (DatumWriter<Object>) (DatumWriter<?>)
                new SpecificDatumWriter<>(data.getSchema(), SpecificData.getForClass(type)));
    }

    private AvroSerdeConfig requireConfigured() {
        AvroSerdeConfig settings = config;
        if (settings == null || registry == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not configured: call configure(...) or use the constructor taking a SchemaRegistryClient");
        }
        return settings;
    }
}
