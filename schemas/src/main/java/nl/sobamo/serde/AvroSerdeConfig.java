package nl.sobamo.serde;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings beyond where the registry is (that part is {@link nl.sobamo.registry.RegistryConfig}).
 *
 * @param isKey               whether the serde handles record keys, which selects the {@code -key} subject
 * @param autoRegisterSchemas register unknown schemas (true) or only look up ids (false), for environments where
 *                            schemas are registered by a deployment step and producers must not change them
 */
public record AvroSerdeConfig(boolean isKey, boolean autoRegisterSchemas) {

    /** Confluent's name, default true. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Fully qualified name of the generated record class keys are deserialised into. */
    public static final String KEY_TYPE = "sobamo.avro.key.type";
    /** Fully qualified name of the generated record class values are deserialised into. */
    public static final String VALUE_TYPE = "sobamo.avro.value.type";

    public static AvroSerdeConfig forKey() {
        return new AvroSerdeConfig(true, true);
    }

    public static AvroSerdeConfig forValue() {
        return new AvroSerdeConfig(false, true);
    }

    public AvroSerdeConfig withAutoRegisterSchemas(boolean autoRegister) {
        return new AvroSerdeConfig(isKey, autoRegister);
    }

    /** Reads the settings from the map Kafka passes to {@code configure}. */
    public static AvroSerdeConfig fromProperties(Map<String, ?> props, boolean isKey) {
        return new AvroSerdeConfig(isKey, bool(props, AUTO_REGISTER_SCHEMAS, true));
    }

    /** Which of {@link #KEY_TYPE} or {@link #VALUE_TYPE} applies to a serde for keys or values. */
    static String typeConfigKey(boolean isKey) {
        return isKey ? KEY_TYPE : VALUE_TYPE;
    }

    private static boolean bool(Map<String, ?> props, String key, boolean fallback) {
        Object value = props.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        // Boolean.parseBoolean would read a typo such as "flase" as false; refuse it instead.
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, value, "must be true or false");
        };
    }
}
