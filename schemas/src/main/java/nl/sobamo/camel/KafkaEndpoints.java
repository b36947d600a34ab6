package nl.sobamo.camel;

import nl.sobamo.config.ConnectionSettings;

/**
 * The one way Camel routes (ingest and push) address Kafka, so every producer gets the same durability settings.
 * A plain URI builder, so it needs no Camel on the classpath of this module.
 *
 * <ul>
 *   <li>keys are strings (record ids), values go through the Avro serializer in the Confluent wire format, which
 *       registers/looks up the schema under {@code <topic>-value} at {@code schema.registry.url};</li>
 *   <li>{@code acks=all} plus the idempotent producer: a record counts as published only once every in-sync
 *       replica has it, and producer retries cannot write it twice.</li>
 * </ul>
 */
public final class KafkaEndpoints {

    private KafkaEndpoints() {
    }

    /**
     * A producer URI for the topic held by a Camel property.
     *
     * @param topicProperty name of the property holding the topic, e.g. {@code sobamo.topic.raw-iv3}
     */
    public static String avroProducer(String topicProperty) {
        return "kafka:{{" + topicProperty + "}}"
                + "?brokers={{" + ConnectionSettings.BOOTSTRAP_SERVERS + "}}"
                + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                + "&valueSerializer={{" + ConnectionSettings.VALUE_SERIALIZER + "}}"
                + "&requestRequiredAcks=all"
                + "&enableIdempotence=true"
                // RAW: a registry URL may carry characters that Camel's URI normalisation would otherwise mangle
                + "&additionalProperties.schema.registry.url=RAW({{" + ConnectionSettings.REGISTRY_URL + "}})";
    }
}
