package nl.sobamo.serde;

import java.util.Map;
import nl.sobamo.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SobamoAvroSerializer} and {@link SobamoAvroDeserializer} as one Kafka Streams serde. Usable by class name
 * as {@code default.key.serde} / {@code default.value.serde}, in which case the target type comes from
 * {@value AvroSerdeConfig#KEY_TYPE} / {@value AvroSerdeConfig#VALUE_TYPE} or the writer schema. For
 * {@code Consumed.with(...)} and friends prefer {@link AvroSerdes#specific}: Kafka Streams does not configure
 * serdes handed to it that way.
 */
public final class SobamoAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SobamoAvroSerializer<T> serializer;
    private final SobamoAvroDeserializer<T> deserializer;

    /** For reflective instantiation; {@link #configure} must be called before use. */
    public SobamoAvroSerde() {
        this(new SobamoAvroSerializer<>(), new SobamoAvroDeserializer<>());
    }

    /** Reads into {@code type}; {@link #configure} must still be called to find the registry. */
    public SobamoAvroSerde(Class<T> type) {
        this(new SobamoAvroSerializer<>(), new SobamoAvroDeserializer<>(type));
    }

    /** Ready to use with the given client. */
    public SobamoAvroSerde(SchemaRegistryClient registry, Class<T> type, AvroSerdeConfig config) {
        this(new SobamoAvroSerializer<>(registry, config), new SobamoAvroDeserializer<>(registry, type));
    }

    private SobamoAvroSerde(SobamoAvroSerializer<T> serializer, SobamoAvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
