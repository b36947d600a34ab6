package nl.sobamo.config;

/**
 * The setting names and defaults every sobamo service uses to reach Kafka and the schema registry, in one place so
 * that one deployment file (or one set of {@code SOBAMO_*} variables) configures ingest, push, normalize and
 * aggregate alike.
 */
public final class ConnectionSettings {

    public static final String BOOTSTRAP_SERVERS = "sobamo.kafka.bootstrap-servers";
    public static final String REGISTRY_URL = "sobamo.registry.url";
    /** Kafka value serializer class of the Camel producers; only tests swap it. */
    public static final String VALUE_SERIALIZER = "sobamo.kafka.value-serializer";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    /** Apicurio's Confluent-compatible API, the embedded default registry (DESIGN.md). */
    public static final String DEFAULT_REGISTRY_URL = "http://localhost:8080/apis/ccompat/v7";
    public static final String DEFAULT_VALUE_SERIALIZER = "nl.sobamo.serde.SobamoAvroSerializer";

    private ConnectionSettings() {
    }
}
