package nl.sobamo.config;

import java.util.Properties;

/**
 * The setting names and defaults every sobamo service uses to reach Kafka and the schema registry, in one place so
 * that one deployment file (or one set of {@code SOBAMO_*} variables) configures ingest, push, normalize and
 * aggregate alike. The defaults live only in the readers below, so no config can read a connection setting with a
 * default of its own.
 */
public final class ConnectionSettings {

    public static final String BOOTSTRAP_SERVERS = "sobamo.kafka.bootstrap-servers";
    public static final String REGISTRY_URL = "sobamo.registry.url";
    /** Kafka value serializer class of the Camel producers; only tests swap it. */
    public static final String VALUE_SERIALIZER = "sobamo.kafka.value-serializer";

    private ConnectionSettings() {
    }

    /** {@value #BOOTSTRAP_SERVERS}; a broker on this machine by default. */
    public static String bootstrapServers(Settings in) {
        return in.string(BOOTSTRAP_SERVERS, "localhost:9092");
    }

    /** {@value #REGISTRY_URL}; by default Apicurio's Confluent-compatible API, the embedded registry (DESIGN.md). */
    public static String registryUrl(Settings in) {
        return in.string(REGISTRY_URL, "http://localhost:8080/apis/ccompat/v7");
    }

    /** {@value #VALUE_SERIALIZER}; sobamo's Avro serializer by default. */
    public static String valueSerializer(Settings in) {
        return in.string(VALUE_SERIALIZER, "nl.sobamo.serde.SobamoAvroSerializer");
    }

    /** Fails with the key of the first blank value, as every config's own checks do. */
    public static void requireAll(String bootstrapServers, String registryUrl, String valueSerializer) {
        SettingValues.requireText(BOOTSTRAP_SERVERS, bootstrapServers);
        SettingValues.requireText(REGISTRY_URL, registryUrl);
        SettingValues.requireText(VALUE_SERIALIZER, valueSerializer);
    }

    /** Puts the values under the keys Camel's Kafka endpoints use as placeholders (see {@code KafkaEndpoints}). */
    public static void putAll(Properties p, String bootstrapServers, String registryUrl, String valueSerializer) {
        p.setProperty(BOOTSTRAP_SERVERS, bootstrapServers);
        p.setProperty(REGISTRY_URL, registryUrl);
        p.setProperty(VALUE_SERIALIZER, valueSerializer);
    }
}
