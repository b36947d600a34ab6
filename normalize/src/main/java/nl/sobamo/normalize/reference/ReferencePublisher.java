package nl.sobamo.normalize.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reference (the area reference keyed by code, the indicator catalog keyed by indicator id) to its
 * compacted topic. The records are deterministic, so publishing at every start leaves the compacted table unchanged.
 *
 * @param topic the compacted reference topic
 * @param type  the record class, for the Avro serializer
 * @param key   the record's key on the topic
 * @param what  what is published, for the log ({@code the area reference})
 */
public record ReferencePublisher<V extends SpecificRecord>(String topic, Class<V> type, Function<V, String> key, String what) {

    public static final ReferencePublisher<AreaReference> AREAS = new ReferencePublisher<>(
            Topics.REFERENCE_AREAS, AreaReference.class, AreaReference::getCode, "the area reference");
    public static final ReferencePublisher<IndicatorReference> INDICATORS = new ReferencePublisher<>(
            Topics.REFERENCE_INDICATORS, IndicatorReference.class, IndicatorReference::getIndicatorId, "the indicator catalog");

    private static final Logger LOG = LoggerFactory.getLogger(ReferencePublisher.class);

    /** Sends every reference and waits until all are acknowledged; returns how many were written. */
    public int publish(Producer<String, V> producer, List<V> references) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(references.size());
        for (V r : references) {
            sent.add(producer.send(new ProducerRecord<>(topic, key.apply(r), r)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        return sent.size();
    }

    /**
     * Publishes with a producer of its own ({@code <applicationId>-<clientSuffix>}); how many were written, or empty
     * after a failure, which is logged and not fatal: observations do not depend on a reference topic.
     */
    public OptionalInt publish(StreamsSettings settings, String clientSuffix, List<V> references) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-" + clientSuffix);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.specific(type, Map.of(RegistryConfig.URL, settings.registryUrl()), false).serializer())) {
            return OptionalInt.of(publish(producer, references));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("normalize: could not publish {} to {}: {}", what, topic, e.toString());
            return OptionalInt.empty();
        }
    }
}
