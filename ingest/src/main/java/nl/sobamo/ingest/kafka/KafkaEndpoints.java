package nl.sobamo.ingest.kafka;

/**
 * The one way ingest routes address Kafka, so every producer gets the same durability settings.
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
                + "?brokers={{sobamo.kafka.bootstrap-servers}}"
                + "&keySerializer=org.apache.kafka.common.serialization.StringSerializer"
                + "&valueSerializer={{sobamo.kafka.value-serializer}}"
                + "&requestRequiredAcks=all"
                + "&enableIdempotence=true"
                // RAW: a registry URL may carry characters that Camel's URI normalisation would otherwise mangle
                + "&additionalProperties.schema.registry.url=RAW({{sobamo.registry.url}})";
    }
}
