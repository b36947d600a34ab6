package nl.sobamo.normalize.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.catalog.IndicatorReferences;
import nl.sobamo.config.StreamsSettings;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the indicator catalog (observed and derived indicators, {@link IndicatorReferences}) to the compacted
 * {@link Topics#REFERENCE_INDICATORS} topic, keyed by indicator id, like the area reference. Deterministic records on a
 * compacted topic: publishing at every start is harmless.
 */
public final class IndicatorReferencePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorReferencePublisher.class);

    private IndicatorReferencePublisher() {
    }

    /** Sends every reference and waits until all are acknowledged; returns how many were written. */
    public static int publish(Producer<String, IndicatorReference> producer, List<IndicatorReference> references)
            throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(references.size());
        for (IndicatorReference r : references) {
            sent.add(producer.send(new ProducerRecord<>(Topics.REFERENCE_INDICATORS, r.getIndicatorId(), r)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
        return sent.size();
    }

    /** Publishes the catalog with its own producer; a failure is logged, not fatal (observations do not need it). */
    public static int publish(StreamsSettings settings, IndicatorCatalog catalog) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000,
                ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-indicator-references");
        try (KafkaProducer<String, IndicatorReference> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.specific(IndicatorReference.class, Map.of("schema.registry.url", settings.registryUrl()), false)
                        .serializer())) {
            int n = publish(producer, IndicatorReferences.of(catalog));
            LOG.info("normalize: published {} indicator references (catalog {}) to {}", n, catalog.version(),
                    Topics.REFERENCE_INDICATORS);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("normalize: could not publish the indicator catalog to {}: {}", Topics.REFERENCE_INDICATORS, e.toString());
            return 0;
        }
    }
}
