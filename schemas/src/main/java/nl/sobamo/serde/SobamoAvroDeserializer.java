package nl.sobamo.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.registry.SchemaNotFoundException;
import nl.sobamo.registry.SchemaRegistryClient;
import nl.sobamo.registry.SchemaRegistryClients;
import nl.sobamo.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into generated records, resolving the writer's schema (by the id in the
 * header) against the target class's schema, so records written with an older or newer compatible schema decode
 * into the current class.
 *
 * <p>The target class is, in order of precedence: the class given to the constructor, the class named by
 * {@value AvroSerdeConfig#KEY_TYPE} / {@value AvroSerdeConfig#VALUE_TYPE}, or the generated class named like the
 * writer schema. Thread-safe once configured.
 */
public final class SobamoAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final boolean clientInjected;
    private final boolean typeInjected;
    private volatile SchemaRegistryClient registry;
    private volatile Class<? extends SpecificRecord> targetType;
    private volatile String typeConfigKey = AvroSerdeConfig.VALUE_TYPE;
    /** Keyed by writer schema id; a reader is bound to one writer/reader schema pair. */
    private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective instantiation; {@link #configure} must be called before use. */
    public SobamoAvroDeserializer() {
        this(null, null, false);
    }

    /** Reads into {@code targetType}; {@link #configure} must still be called to find the registry. */
    public SobamoAvroDeserializer(Class<T> targetType) {
        this(null, targetType, false);
    }

    /**
     * Ready to use.
     *
     * @param targetType class to read into, or null to use the generated class named like the writer schema
     */
    public SobamoAvroDeserializer(SchemaRegistryClient registry, Class<T> targetType) {
        this(java.util.Objects.requireNonNull(registry, "registry"), targetType, true);
    }

    private SobamoAvroDeserializer(SchemaRegistryClient registry, Class<T> targetType, boolean clientInjected) {
        this.registry = registry;
        this.clientInjected = clientInjected;
        this.targetType = targetType;
        this.typeInjected = targetType != null;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        typeConfigKey = AvroSerdeConfig.typeConfigKey(isKey);
        Object configuredType = configs.get(typeConfigKey);
        if (!typeInjected && configuredType != null && !configuredType.toString().isBlank()) {
            targetType = SpecificRecordTypes.fromConfig(typeConfigKey, configuredType);
        }
        if (!clientInjected) {
            registry = SchemaRegistryClients.forConfig(RegistryConfig.fromProperties(configs));
        }
        readers.clear();
    }

    /** Null and empty payloads (tombstones) come back as null. */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not configured: call configure(...) or use the constructor taking a SchemaRegistryClient");
        }
        int schemaId = WireFormat.readSchemaId(data, topic);
        DatumReader<T> reader = readerFor(schemaId, topic);
        try {
            return reader.read(null, DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException | RuntimeException e) {
            // Truncated payloads surface as EOFException, schema mismatches as AvroTypeException.
            throw new SerializationException("Could not decode record from topic '" + topic
                    + "' written with schema id " + schemaId + " into " + describeTarget() + ": " + e, e);
        }
    }

    /** The client is not closed: it is shared with other serdes configured the same way, or owned by the caller. */
    @Override
    public void close() {
    }

    private DatumReader<T> readerFor(int schemaId, String topic) {
        DatumReader<T> reader = readers.get(schemaId);
        if (reader == null) {
            reader = newReader(schemaId, topic);
            DatumReader<T> raced = readers.putIfAbsent(schemaId, reader);
            if (raced != null) {
                reader = raced;
            }
        }
        return reader;
    }

    private DatumReader<T> newReader(int schemaId, String topic) {
        Schema writerSchema = writerSchema(schemaId, topic);
        Class<? extends SpecificRecord> type = targetType != null
                ? targetType
                : SpecificRecordTypes.fromWriterSchema(writerSchema, schemaId, typeConfigKey);
        // The class's own SpecificData has its logical-type conversions; its compiled schema is the reader
        // schema, so nothing the registry sends can steer which classes Avro loads (see SpecificRecordTypes).
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writerSchema, model.getSchema(type), model);
    }

    private Schema writerSchema(int schemaId, String topic) {
        try {
            return registry.getById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("Unknown schema id " + schemaId + " in record from topic '" + topic
                    + "': " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not fetch schema id " + schemaId + " for record from topic '"
                    + topic + "': " + e.getMessage(), e);
        }
    }

    private String describeTarget() {
        Class<? extends SpecificRecord> type = targetType;
        return type != null ? type.getName() : "the class named by the writer schema";
    }
}
