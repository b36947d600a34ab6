package nl.sobamo.serde;

import java.util.Map;
import java.util.Objects;
import nl.sobamo.registry.RegistryConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Configured serdes for generated Avro records, ready for {@code Consumed.with}, {@code Produced.with} etc. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /**
     * @param config Kafka-style settings: at least {@value RegistryConfig#URL}; optionally authentication, retry
     *               settings and {@value AvroSerdeConfig#AUTO_REGISTER_SCHEMAS}
     */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> config, boolean isKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        SobamoAvroSerde<T> serde = new SobamoAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }

    /** A serde for {@code type} against the registry at {@code registryUrl} with default settings. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, String registryUrl, boolean isKey) {
        return specific(type, Map.of(RegistryConfig.URL, Objects.requireNonNull(registryUrl, "registryUrl")), isKey);
    }
}
